import { CloudJiraGateway } from "./cloud-gateway.ts";
import type { SchemaMismatchPolicy } from "./cloud-gateway.ts";
import { DataCenterJiraGateway } from "./data-center-gateway.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import type { JiraConnection } from "./jira-settings.ts";

export function createJiraGateway(
  connection: JiraConnection,
  options: { schemaMismatch?: SchemaMismatchPolicy } = {},
): JiraGateway {
  return connection.deployment === "cloud"
    ? new CloudJiraGateway({
        siteUrl: connection.siteUrl,
        email: connection.email,
        apiToken: connection.apiToken,
        ...options,
      })
    : new DataCenterJiraGateway({
        siteUrl: connection.siteUrl,
        personalAccessToken: connection.personalAccessToken,
      });
}

/** The connection's secrets, for scrubbing them out of any text that is printed. */
export function connectionSecrets(connection: JiraConnection | undefined): string[] {
  if (!connection) return [];
  return connection.deployment === "cloud"
    ? [connection.apiToken]
    : [connection.personalAccessToken];
}
