/**
 * Entry point of the component package (PulumiPlugin.yaml): the AWS and Azure components for Pulumi programs in
 * any language. The library's entry points are src/index.ts, src/aws.ts and src/azure.ts (package.json `exports`).
 *
 * How Pulumi runs it: `pulumi package add` and every later run start the plugin by loading the package directory,
 * that is package.json's `main`, the build of this file (dist/index.js). Pulumi's plugin runner finds the
 * ComponentResource classes it exports and calls `componentProviderHost` of @pulumi/pulumi with them, the package's
 * name from package.json and this directory. To describe the components, that host reads the TypeScript sources
 * through tsconfig.json, starting from this file: it is here, at the root, because that is where the host looks
 * when package.json names only built files. Loading it declares nothing and starts no host.
 */
export * from "./src/plugin";
