/** The single table, built from the same TABLE_DESIGN the store adapter and the local engines use. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DESIGN } from '#io/store/table-design.ts';

export interface ProgrammeTableProps {
  /** Leave unset to let CloudFormation choose the name. */
  tableName?: string;
}

export class ProgrammeTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ProgrammeTableProps = {}) {
    super(scope, id);
    // Snapshots and subscribers are the product: the table survives stack deletion and mistakes.
    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, index] of Object.entries(TABLE_DESIGN.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
