#!/usr/bin/env bash
# The package as a consumer gets it: `npm pack`, unpack into a fresh program's node_modules (its dependencies linked
# from this checkout's, which npm ci installed from the same lock file), then require `cenm-backup`,
# `cenm-backup/aws` and `cenm-backup/azure` without running a stack, and type-check examples/aws-existing-vpc, which
# composes the AWS components, against the installed package through its `exports`. Last, the component package:
# load the unpacked directory as Pulumi's plugin runner does and run the SDK's schema analysis on it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Packs the build already in dist/ (CI's npm test has just made it) instead of letting `prepare` build a third time.
[ -f dist/src/index.js ] || npm run -s build
tarball=$(npm pack --silent --ignore-scripts --pack-destination "$work" | tail -n 1)
app="$work/app"
mkdir -p "$app/node_modules/cenm-backup"
tar -xzf "$work/$tarball" -C "$app/node_modules/cenm-backup" --strip-components=1
for dep in "$root"/node_modules/* "$root"/node_modules/.bin; do
  name=$(basename "$dep")
  [ "$name" = "cenm-backup" ] || ln -s "$dep" "$app/node_modules/$name"
done
echo "   packed $tarball: $(tar -tzf "$work/$tarball" | wc -l) files"

cd "$app"
# The bin, as npm links it on install.
mkdir -p node_modules/.bin.local && ln -s ../cenm-backup/dist/src/cli.js node_modules/.bin.local/cenm-backup
chmod +x node_modules/cenm-backup/dist/src/cli.js
echo "   cenm-backup --version: $(PATH="$app/node_modules/.bin.local:$PATH" cenm-backup --version); cenm-backup stacks --stacks-dir $root/stacks: $(PATH="$app/node_modules/.bin.local:$PATH" cenm-backup stacks --stacks-dir "$root/stacks" | wc -l) stacks"
node -e '
  const root = require("cenm-backup");
  const aws = require("cenm-backup/aws");
  const azure = require("cenm-backup/azure");
  if (typeof aws.ReplicatedDatabase !== "function" || typeof azure.SnapshotSchedule !== "function" || root.MIN_KEY_COPIES !== 2) process.exit(1);
  console.log(`   required cenm-backup (${Object.keys(root).length} exports), cenm-backup/aws (${Object.keys(aws).length}), cenm-backup/azure (${Object.keys(azure).length}); no stack ran`);
'
# The repository's own example, compiled against the installed package instead of the sources.
cp "$root/examples/aws-existing-vpc/index.ts" index.ts
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "module": "node16", "moduleResolution": "node16", "target": "es2022", "skipLibCheck": true, "noEmit": true, "types": [] }, "files": ["index.ts"] }
JSON
node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json
echo "   type-checked examples/aws-existing-vpc (ReplicatedDatabase, SnapshotSchedule, ReplicatedFileStore, OfflineKeyVault, AlertTopic from cenm-backup/aws) against the installed package"

# The component package, from the unpacked directory: PulumiPlugin.yaml, package.json's `main` exporting the same
# components as the checkout's build, and the schema the SDK infers from the shipped sources and tsconfig.json
# (what `pulumi package add` of this directory would get), with no type it could not express.
pkg="$app/node_modules/cenm-backup"
grep -qx 'runtime: nodejs' "$pkg/PulumiPlugin.yaml"
node -e '
  const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental");
  const [pkg, root] = process.argv.slice(1);
  const names = (dir) => getPulumiComponents(require(dir)).map((c) => c.name).sort();
  const components = getPulumiComponents(require(pkg));
  if (JSON.stringify(names(pkg)) !== JSON.stringify(names(root))) { console.error("the packed entry exports other components than the checkout"); process.exit(1); }
  new ComponentProvider({ name: require(pkg + "/package.json").name, dirname: pkg, components }).getSchema().then((text) => {
    const schema = JSON.parse(text);
    if (text.includes("pulumi.json#/Any")) { console.error("the schema has a type the SDK could not express"); process.exit(1); }
    const list = Object.entries(schema.resources).map(([token, r]) => `${token.split(":")[2]} (${Object.keys(r.inputProperties).length} inputs)`);
    if (list.length !== components.length) process.exit(1);
    console.log(`   component package: ${list.length} components in the schema the SDK infers from the packed sources: ${list.join(", ")}`);
  }, (e) => { console.error(e.message); process.exit(1); });
' "$pkg" "$root"
