// What the fake Jira holds, and the fixed parts of the site it plays: statuses, a workflow, the
// account the client acts as.

export interface WorkflowTransitionDefinition {
  id: string;
  name: string;
  from: string[];
  to: string;
}

export interface FakeComment {
  id: string;
  body: unknown;
  created: string;
  updated: string;
  edits: number;
  /** Added on its own or as part of a transition. */
  via: "comment" | "transition";
}

export interface FakeAttachment {
  id: string;
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface FakeIssue {
  id: string;
  key: string;
  project: string;
  issueType: string;
  summary: string;
  description: unknown;
  labels: string[];
  components: string[];
  assignee?: unknown;
  status: string;
  comments: FakeComment[];
  attachments: FakeAttachment[];
  properties: Record<string, unknown>;
  transitions: string[];
  created: number;
  updated: number;
}

export interface FakeStatus {
  id: string;
  key: string;
  name: string;
}

export const statuses: Record<string, FakeStatus> = {
  "To Do": { id: "2", key: "new", name: "To Do" },
  "In Progress": { id: "4", key: "indeterminate", name: "In Progress" },
  Done: { id: "3", key: "done", name: "Done" },
};

/** A status of the workflow, or one in the `new` category for a name the site does not know. */
export function statusOf(name: string): FakeStatus {
  return statuses[name] ?? { id: "1", key: "new", name };
}

export const defaultWorkflow: WorkflowTransitionDefinition[] = [
  { id: "21", name: "Start Progress", from: ["To Do"], to: "In Progress" },
  { id: "31", name: "Done", from: ["To Do", "In Progress"], to: "Done" },
  { id: "41", name: "Reopen", from: ["Done"], to: "To Do" },
];

export const ownAccount = { accountId: "5b10a2844c20165700ede21g", name: "qaops-bot" };
