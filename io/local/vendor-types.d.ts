// dynalite ships no type declarations; io/local/dynalite.ts narrows its one factory function.
declare module 'dynalite' {
  const dynalite: unknown;
  export default dynalite;
}
