#!/usr/bin/env bash
# The AWS CLI steps of the sandbox proof (.github/workflows/sandbox-aws.yml, docs/sandbox-aws.md), around
# `pulumi up` and `pulumi destroy`. Each step reads the stack's `pulumi stack export` and touches only what that
# state names: no search by name or tag.
#
#   recovery-points STATE   an on-demand AWS Backup job of the database and of the file system into the primary
#                           vault, and a copy of each recovery point into the DR vault, each kept the vault lock's
#                           minimum; so that the destroy that follows meets locked recovery points in both regions
#   settle STATE            before a destroy: waits for backup and copy jobs still running, and ends the restore
#                           tests of the stack's restore testing plan, so that no job adds a recovery point to a
#                           vault being emptied and no restored instance holds the stack's subnets
#   leftovers STATE         after a destroy: checks and deletes what AWS keeps on purpose (the EFS replica that
#                           replication leaves writable, each database's final snapshot and retained automated
#                           backups, the RDS log groups)
#
# Needs bash, jq and the AWS CLI v2 with credentials for the sandbox account. SANDBOX_WAIT_MINUTES (default 90)
# bounds each wait; SANDBOX_POLL_SECONDS (default 30) spaces the polls.
set -euo pipefail

WAIT_MINUTES=${SANDBOX_WAIT_MINUTES:-90}
POLL_SECONDS=${SANDBOX_POLL_SECONDS:-30}

fail() {
  echo "sandbox-aws: $*" >&2
  exit 1
}
say() { echo "sandbox-aws: $*"; }

usage() {
  echo "usage: sandbox-aws.sh recovery-points|settle|leftovers <pulumi stack export file>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
COMMAND=$1
STATE=$2
[ -f "$STATE" ] || fail "no state file $STATE (expected the output of pulumi stack export)"
jq -e '.deployment.resources | type == "array"' "$STATE" >/dev/null 2>&1 || fail "$STATE is not a pulumi stack export (no deployment.resources)"

# The outputs of every resource of a type, one JSON object a line.
outputs_of() { jq -c --arg t "$1" '.deployment.resources[] | select(.type == $t) | .outputs // {}' "$STATE"; }
# A stack output at a jq path, or nothing.
stack_output() { jq -r '[.deployment.resources[] | select(.type == "pulumi:pulumi:Stack") | .outputs]
  | (.[0] // {}) | '"$1"' // empty' "$STATE"; }
# Region and name of a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>).
arn_region() { cut -d: -f4 <<<"$1"; }
vault_name() { sed 's/^.*:backup-vault://' <<<"$1"; }

deadline() { echo $(($(date +%s) + WAIT_MINUTES * 60)); }
pause() { [ "$POLL_SECONDS" -gt 0 ] && sleep "$POLL_SECONDS"; return 0; }

# Days a new recovery point in this vault is kept: the vault lock's minimum (a job kept less is refused), else 1.
retention_days() {
  local days
  days=$(aws backup describe-backup-vault --region "$(arn_region "$1")" --backup-vault-name "$(vault_name "$1")" --output json | jq -r '.MinRetentionDays // 1')
  echo "$days"
}

# Waits for a backup job, prints its recovery point.
wait_backup_job() {
  local region=$1 id=$2 end state job
  end=$(deadline)
  while :; do
    job=$(aws backup describe-backup-job --region "$region" --backup-job-id "$id" --output json)
    state=$(jq -r '.State' <<<"$job")
    case "$state" in
      COMPLETED) jq -r '.RecoveryPointArn' <<<"$job"; return 0 ;;
      FAILED | ABORTED | EXPIRED | PARTIAL) fail "backup job $id ended $state: $(jq -r '.StatusMessage // ""' <<<"$job")" ;;
    esac
    [ "$(date +%s)" -lt "$end" ] || fail "backup job $id still $state after $WAIT_MINUTES minutes"
    pause
  done
}

# Waits for a copy job, prints the recovery point it made.
wait_copy_job() {
  local region=$1 id=$2 end state job
  end=$(deadline)
  while :; do
    job=$(aws backup describe-copy-job --region "$region" --copy-job-id "$id" --output json)
    state=$(jq -r '.CopyJob.State' <<<"$job")
    case "$state" in
      COMPLETED) jq -r '.CopyJob.DestinationRecoveryPointArn' <<<"$job"; return 0 ;;
      FAILED | PARTIAL) fail "copy job $id ended $state: $(jq -r '.CopyJob.StatusMessage // ""' <<<"$job")" ;;
    esac
    [ "$(date +%s)" -lt "$end" ] || fail "copy job $id still $state after $WAIT_MINUTES minutes"
    pause
  done
}

recovery_points() {
  local role vault dr resource region days dr_days job point copy copied
  role=$(outputs_of "aws:backup/selection:Selection" | jq -r '.iamRoleArn // empty' | head -n 1)
  vault=$(stack_output '.snapshots.vaultArn')
  dr=$(stack_output '.snapshots.drVaultArn')
  [ -n "$role" ] || fail "the state has no AWS Backup selection, so no role to pass to AWS Backup"
  [ -n "$vault" ] || fail "the stack outputs have no snapshots.vaultArn"
  region=$(arn_region "$vault")
  days=$(retention_days "$vault")
  [ -z "$dr" ] || dr_days=$(retention_days "$dr")
  for resource in "$(stack_output '.database.arn')" "$(stack_output '.files.fileSystemArn')"; do
    [ -n "$resource" ] || continue
    job=$(aws backup start-backup-job --region "$region" --backup-vault-name "$(vault_name "$vault")" --resource-arn "$resource" \
      --iam-role-arn "$role" --lifecycle "DeleteAfterDays=$days" --output json | jq -r '.BackupJobId')
    say "backup job $job: $resource into $(vault_name "$vault"), kept $days days"
    point=$(wait_backup_job "$region" "$job")
    say "recovery point $point"
    if [ -n "$dr" ]; then
      copy=$(aws backup start-copy-job --region "$region" --recovery-point-arn "$point" --source-backup-vault-name "$(vault_name "$vault")" \
        --destination-backup-vault-arn "$dr" --iam-role-arn "$role" --lifecycle "DeleteAfterDays=$dr_days" --output json | jq -r '.CopyJobId')
      say "copy job $copy: into $(vault_name "$dr") ($(arn_region "$dr")), kept $dr_days days"
      copied=$(wait_copy_job "$region" "$copy")
      say "copied recovery point $copied"
    fi
  done
}

# Waits until no backup job into the primary vault and no copy job into the DR vault is still running.
settle_jobs() {
  local vault dr region end open
  vault=$(stack_output '.snapshots.vaultArn')
  dr=$(stack_output '.snapshots.drVaultArn')
  [ -n "$vault" ] || return 0
  region=$(arn_region "$vault")
  end=$(deadline)
  while :; do
    open=$(aws backup list-backup-jobs --region "$region" --by-backup-vault-name "$(vault_name "$vault")" --output json |
      jq -r '[.BackupJobs[] | select(.State == "CREATED" or .State == "PENDING" or .State == "RUNNING" or .State == "ABORTING") | .BackupJobId] | join(" ")')
    if [ -n "$dr" ]; then
      open="$open $(aws backup list-copy-jobs --region "$region" --by-destination-vault-arn "$dr" --output json |
        jq -r '[.CopyJobs[] | select(.State == "CREATED" or .State == "RUNNING") | .CopyJobId] | join(" ")')"
    fi
    open=$(xargs <<<"$open")
    [ -n "$open" ] || { say "no backup or copy job is running"; return 0; }
    [ "$(date +%s)" -lt "$end" ] || fail "jobs still running after $WAIT_MINUTES minutes: $open"
    say "waiting for jobs: $open"
    pause
  done
}

# Ends every restore test of the stack's plan: waits for running restores, reports a completed one as validated
# (AWS Backup then deletes what it restored) and waits until each restored resource is deleted.
settle_restore_tests() {
  local plan region end jobs pending id
  plan=$(outputs_of "aws:backup/restoreTestingPlan:RestoreTestingPlan" | jq -r '.arn // empty' | head -n 1)
  [ -n "$plan" ] || return 0
  region=$(outputs_of "aws:backup/restoreTestingPlan:RestoreTestingPlan" | jq -r '.region // empty' | head -n 1)
  [ -n "$region" ] || region=$(arn_region "$plan")
  end=$(deadline)
  while :; do
    jobs=$(aws backup list-restore-jobs --region "$region" --by-restore-testing-plan-arn "$plan" --output json)
    for id in $(jq -r '.RestoreJobs[] | select(.Status == "COMPLETED" and (.DeletionStatus // "") == "" and ((.ValidationStatus // "VALIDATING") == "VALIDATING")) | .RestoreJobId' <<<"$jobs"); do
      aws backup put-restore-validation-result --region "$region" --restore-job-id "$id" --validation-status SUCCESSFUL \
        --validation-status-message "Restore completed; validation ended early by the sandbox proof before pulumi destroy" >/dev/null
      say "restore test $id ended: AWS Backup deletes what it restored"
    done
    if jq -e '.RestoreJobs[] | select(.DeletionStatus == "FAILED")' <<<"$jobs" >/dev/null; then
      fail "AWS Backup could not delete a restored resource: $(jq -r '[.RestoreJobs[] | select(.DeletionStatus == "FAILED") | .CreatedResourceArn] | join(", ")' <<<"$jobs"); delete it before the destroy"
    fi
    pending=$(jq -r '[.RestoreJobs[] | select(.Status == "PENDING" or .Status == "RUNNING" or (.Status == "COMPLETED" and .DeletionStatus != "SUCCESSFUL")) | .RestoreJobId] | join(" ")' <<<"$jobs")
    [ -n "$pending" ] || { say "no restore test holds a restored resource"; return 0; }
    [ "$(date +%s)" -lt "$end" ] || fail "restore tests still open after $WAIT_MINUTES minutes: $pending"
    say "waiting for restore tests: $pending"
    pause
  done
}

leftovers() {
  local fs id region instance name snapshot resource retained group
  # EFS: deleting the replication configuration leaves the replica as a writable file system of its own.
  while read -r fs; do
    [ -n "$fs" ] || continue
    id=$(jq -r '.destination.fileSystemId // empty' <<<"$fs")
    region=$(jq -r '.destination.region // empty' <<<"$fs")
    [ -n "$id" ] && [ -n "$region" ] || continue
    if aws efs describe-file-systems --region "$region" --file-system-id "$id" --output json >/dev/null 2>&1; then
      aws efs delete-file-system --region "$region" --file-system-id "$id"
      say "deleted the EFS replica $id in $region, which replication left behind"
    else
      say "the EFS replica $id in $region is already gone"
    fi
  done < <(outputs_of "aws:efs/replicationConfiguration:ReplicationConfiguration")

  # RDS: the final snapshot the plan declares must exist (that is part of the proof), then goes; retained
  # automated backups and the exported log groups stay after an instance is deleted.
  while read -r instance; do
    [ -n "$instance" ] || continue
    name=$(jq -r '.identifier // empty' <<<"$instance")
    region=$(jq -r '.region // empty' <<<"$instance")
    [ -n "$name" ] && [ -n "$region" ] || continue
    snapshot=$(jq -r 'if .skipFinalSnapshot == false then .finalSnapshotIdentifier // empty else empty end' <<<"$instance")
    if [ -n "$snapshot" ]; then
      aws rds describe-db-snapshots --region "$region" --db-snapshot-identifier "$snapshot" --output json >/dev/null 2>&1 ||
        fail "the destroy of $name left no final snapshot $snapshot in $region, although the plan declares one"
      aws rds wait db-snapshot-available --region "$region" --db-snapshot-identifier "$snapshot"
      aws rds delete-db-snapshot --region "$region" --db-snapshot-identifier "$snapshot" >/dev/null
      say "final snapshot $snapshot of $name was taken; deleted"
    fi
    resource=$(jq -r '.resourceId // empty' <<<"$instance")
    retained=0
    if [ -n "$resource" ]; then
      retained=$({ aws rds describe-db-instance-automated-backups --region "$region" --dbi-resource-id "$resource" --output json 2>/dev/null || echo '{}'; } |
        jq '.DBInstanceAutomatedBackups // [] | length')
    fi
    if [ "$retained" != "0" ]; then
      if aws rds delete-db-instance-automated-backup --region "$region" --dbi-resource-id "$resource" >/dev/null; then
        say "deleted the retained automated backups of $name"
      else
        say "could not delete the retained automated backups of $name yet: aws rds delete-db-instance-automated-backup --region $region --dbi-resource-id $resource"
      fi
    fi
    for group in $(aws logs describe-log-groups --region "$region" --log-group-name-prefix "/aws/rds/instance/$name/" --output json | jq -r '.logGroups[].logGroupName'); do
      aws logs delete-log-group --region "$region" --log-group-name "$group"
      say "deleted the log group $group"
    done
  done < <(outputs_of "aws:rds/instance:Instance")
}

case "$COMMAND" in
  recovery-points) recovery_points ;;
  settle) settle_jobs; settle_restore_tests ;;
  leftovers) leftovers ;;
  *) usage ;;
esac
