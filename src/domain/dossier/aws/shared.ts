/** Dossier rows (see ../types.ts) of the properties every AWS resource shares (tags, region, name where no row of its own says more). */
import { SHARED_AWS, type DossierRow } from "../types";

export const SHARED_AWS_ROWS: readonly DossierRow[] = [
  {
    type: SHARED_AWS,
    properties: ["tags"],
    update: "in-place",
    sets:
      "On every resource that takes tags: the stack's cenm-backup:tags, plus cenm-backup:stack and cenm-backup:environment (from the stack), cenm-backup:element (which backup element the resource serves) and, on some network resources, a Name. The provider is given no default tags, so what is declared is all there is. Config refuses keys over 128 and values over 256 characters, AWS's limits.",
    lifecycle:
      "Most services take the tags in the create call; a changed tag is written in place through the service's tagging API (CreateTags and DeleteTags on EC2, TagResource and UntagResource elsewhere), never a replacement. A second deploy with the same tags makes no call. Tags go with their resource; AWS Backup recovery points carry their own tags (the plan's recoveryPointTags row).",
    sources: ["https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html"],
  },
  {
    type: SHARED_AWS,
    properties: ["region"],
    update: "replaces",
    sets:
      "Every regional resource names its Region: primary.region, or dr.region for the DR copies (DR VPC and read replica, DR vault, DR keys, escrow replica bucket, DR alert topic, replica-lag alarm). One provider serves both Regions; IAM, which is global, takes none.",
    lifecycle:
      "@pulumi/aws v7 (terraform-provider-aws v6) sends each resource's calls to the endpoint of its own region argument instead of the provider's Region. An AWS resource lives in one Region, so a changed region means a new resource there and the old one deleted. A second deploy makes no call; destroy calls the same regional endpoint.",
    sources: ["https://hashicorp.github.io/terraform-provider-aws/enhanced-region-support", "https://docs.aws.amazon.com/general/latest/gr/rande.html"],
  },
  {
    type: SHARED_AWS,
    properties: ["name"],
    update: "replaces",
    sets:
      "Most AWS resources get no name from the package: Pulumi names them after their logical name plus a random suffix. Resources whose name the package chooses (for instance the CloudTrail trail, the restore testing plan and selections) explain it in their own rows, which take precedence over this one.",
    lifecycle:
      "An auto-name is generated once and kept in the state, so a second deploy reuses it; a change that forces replacement creates the new resource under a fresh name before deleting the old one, which a fixed name would forbid. A stack destroyed and deployed again gets new suffixes, so names AWS still holds from the first deployment do not collide.",
    sources: ["https://www.pulumi.com/docs/iac/concepts/resources/names/"],
  },
];
