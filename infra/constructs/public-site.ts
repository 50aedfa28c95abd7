/**
 * The public page and feeds: a private bucket served only through CloudFront (origin access control,
 * HTTPS, security headers), and a second private bucket for the JSON Lines export analysts query with
 * Athena. The publish function writes both after each cycle.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Distribution, HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy, type ResponseSecurityHeadersBehavior, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where web/publish.ts writes the feeds and the JSON documents with their schemas (feeds/deadlines.json, feeds/changes.json, ...). */
export const FEEDS_PATH = 'feeds/*';

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
    const origin = S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'fundwatch deadlines page and feeds',
      defaultRootObject: 'index.html',
      defaultBehavior: { origin, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: this.pageHeaders() },
      additionalBehaviors: { [FEEDS_PATH]: { origin, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: this.feedHeaders() } },
    });
  }

  /** Strict transport, no framing, no sniffing, a strict referrer: for every file, the feeds included. */
  private static readonly SECURITY_HEADERS: ResponseSecurityHeadersBehavior = {
    strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
    referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
  };

  private pageHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'fundwatch page: strict transport, no framing, no sniffing (the page also sets its own CSP)',
      securityHeadersBehavior: PublicSite.SECURITY_HEADERS,
    });
  }

  /**
   * The feeds (the JSON documents and their schemas, Atom, ICS) are public documents meant to be built on: any web
   * page may read them (an office's own page fetching deadlines.json), with GET or HEAD, and never with credentials
   * (the feeds take none, so a page's cookies could not matter). CloudFront adds Access-Control-Allow-Origin: * to
   * answers to requests that carry an Origin, after its cache, so one cached copy serves every origin.
   */
  private feedHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'FeedHeaders', {
      comment: 'fundwatch feeds: readable by any origin (CORS, GET and HEAD, no credentials), and the page\'s security headers',
      securityHeadersBehavior: PublicSite.SECURITY_HEADERS,
      corsBehavior: { accessControlAllowOrigins: ['*'], accessControlAllowMethods: ['GET', 'HEAD'], accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false, accessControlMaxAge: Duration.days(1), originOverride: true },
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
