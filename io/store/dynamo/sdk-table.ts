/**
 * The table through the SDK's document client: DynamoDB itself, DynamoDB Local, or dynalite over HTTP.
 * SDK errors are translated here, at the edge: a missing table becomes MissingTableError, a lost
 * condition on putIf becomes `false`.
 */
import { ConditionalCheckFailedException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand,
  type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { getMany, MissingTableError, projection, type Item, type Key, type Table } from './table.ts';

export function openTable(doc: DynamoDBDocumentClient, TableName: string): Table {
  const send = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      if (err instanceof ResourceNotFoundException) throw new MissingTableError(TableName);
      throw err;
    }
  };
  const queryPage = (input: Omit<QueryCommandInput, 'TableName'>) => send(() => doc.send(new QueryCommand({ ...input, TableName })));
  const batchGet = async (Keys: Key[], attributes?: string[]) => {
    const out = await send(() => doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys, ConsistentRead: true, ...projection(attributes) } } })));
    return { items: out.Responses?.[TableName] ?? [], unprocessed: (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Key[] };
  };
  return {
    async get(key, attributes) {
      return (await send(() => doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true, ...projection(attributes) })))).Item;
    },
    getMany: (keys, attributes) => getMany(keys, (batch) => batchGet(batch, attributes), TableName),
    async put(Item) { await send(() => doc.send(new PutCommand({ TableName, Item }))); },
    putIf: (Item, ConditionExpression, values) => send(async () => {
      try {
        await doc.send(new PutCommand({ TableName, Item, ConditionExpression, ExpressionAttributeValues: values }));
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    }),
    async update(input) { await send(() => doc.send(new UpdateCommand({ ...input, TableName }))); },
    async delete(Key) { await send(() => doc.send(new DeleteCommand({ TableName, Key }))); },
    async queryAll(input) {
      const items: Item[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await queryPage({ ...input, ExclusiveStartKey });
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async queryPage(input) { return (await queryPage(input)).Items ?? []; },
  };
}
