/**
 * The public page and feeds: a private bucket served only through CloudFront (origin access control,
 * HTTPS, security headers), and a second private bucket for the JSON Lines export analysts query with
 * Athena. The publish function writes both after each cycle.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Distribution, HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class PublicSite extends Construct {
  readonly siteBucket: Bucket;
  readonly exportBucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const privateBucket = (name: string) => new Bucket(this, name, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL, encryption: BucketEncryption.S3_MANAGED, enforceSSL: true,
      // Everything in both buckets is regenerated from the (retained) table after each cycle, so they go with the
      // stack; CloudFormation deletes only empty buckets, hence CDK's auto-delete, which empties them first.
      removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true,
    });
    this.siteBucket = privateBucket('SiteBucket');
    this.exportBucket = privateBucket('ExportBucket');
    // Unversioned buckets: an overwrite replaces the object, so only unfinished uploads need cleaning up.
    this.exportBucket.addLifecycleRule({ abortIncompleteMultipartUploadAfter: Duration.days(1) });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'fundwatch page: strict transport, no framing, no sniffing (the page also sets its own CSP)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'fundwatch deadlines page and feeds',
      defaultRootObject: 'index.html',
      defaultBehavior: { origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket), viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers },
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
