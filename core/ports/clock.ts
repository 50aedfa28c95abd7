/** The time, passed in so that tests and replays choose it. */

export type Clock = () => Date;
