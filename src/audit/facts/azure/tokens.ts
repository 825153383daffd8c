/** The Azure type tokens live in the domain, shared with the platform limits and the stateful-type list. */
export * from "../../../domain/resources/azureTokens";
