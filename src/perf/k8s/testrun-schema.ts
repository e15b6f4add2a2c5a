import { z } from "zod";

/**
 * The k6-operator's `TestRun` (k6.io/v1alpha1), written from its CustomResourceDefinition, so the
 * manifests under tests/perf/k8s/ are checked offline: schema-download validators (kubeconform)
 * need the internet. Objects are strict: a misspelt field fails here instead of being silently
 * dropped by the API server. Core Kubernetes types the CRD embeds whole (affinity, probes,
 * volumes, security contexts) are checked as objects only.
 */

/** RFC 1123 label: what Kubernetes accepts as a resource name. */
const dnsName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be a DNS-1123 name",
  );

/** Kubernetes resource.Quantity, e.g. `500m`, `1`, `2Gi`. */
const quantity = z
  .union([z.string(), z.number()])
  .refine(
    (value) =>
      /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?(\d+(\.\d*)?|\.\d+))?$/.test(
        String(value),
      ),
    "must be a Kubernetes quantity such as 500m, 1 or 2Gi",
  );

const envVar = z.strictObject({
  name: z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, "must be an environment variable name"),
  value: z.string().optional(),
  valueFrom: z.record(z.string(), z.unknown()).optional(),
});

const envFromSource = z.strictObject({
  prefix: z.string().optional(),
  configMapRef: z.strictObject({ name: dnsName, optional: z.boolean().optional() }).optional(),
  secretRef: z.strictObject({ name: dnsName, optional: z.boolean().optional() }).optional(),
});

const resources = z.strictObject({
  limits: z.record(z.string(), quantity).optional(),
  requests: z.record(z.string(), quantity).optional(),
  claims: z.array(z.strictObject({ name: z.string(), request: z.string().optional() })).optional(),
});

const anObject = z.record(z.string(), z.unknown());

const initContainer = z.strictObject({
  name: z.string().optional(),
  image: z.string().optional(),
  env: z.array(envVar).optional(),
  envFrom: z.array(envFromSource).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  volumeMounts: z.array(anObject).optional(),
  resources: resources.optional(),
  restartPolicy: z.string().optional(),
});

/** The operator's `Pod`: settings for the initializer, starter and runner pods. */
const pod = z.strictObject({
  disabled: z.boolean().optional(),
  affinity: anObject.optional(),
  automountServiceAccountToken: z.string().optional(),
  env: z.array(envVar).optional(),
  image: z.string().min(1).optional(),
  imagePullSecrets: z.array(z.strictObject({ name: z.string() })).optional(),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  metadata: z
    .strictObject({
      annotations: z.record(z.string(), z.string()).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(anObject).optional(),
  topologySpreadConstraints: z.array(anObject).optional(),
  resources: resources.optional(),
  serviceAccountName: z.string().optional(),
  securityContext: anObject.optional(),
  containerSecurityContext: anObject.optional(),
  envFrom: z.array(envFromSource).optional(),
  readinessProbe: anObject.optional(),
  livenessProbe: anObject.optional(),
  initContainers: z.array(initContainer).optional(),
  volumes: z.array(anObject).optional(),
  volumeMounts: z.array(anObject).optional(),
  priorityClassName: z.string().optional(),
  schedulerName: z.string().optional(),
});

/** Where the script is: one of a ConfigMap key, a volume claim, or a file in the runner image. */
const script = z
  .strictObject({
    configMap: z.strictObject({ name: dnsName, file: z.string().min(1).optional() }).optional(),
    volumeClaim: z
      .strictObject({
        name: dnsName,
        file: z.string().min(1).optional(),
        readOnly: z.boolean().optional(),
      })
      .optional(),
    localFile: z.string().min(1).optional(),
  })
  .refine(
    (value) => [value.configMap, value.volumeClaim, value.localFile].filter(Boolean).length === 1,
    "name exactly one of configMap, volumeClaim or localFile",
  );

/** `"true"` / `"false"`: the CRD types these switches as strings. */
const stringBoolean = z.enum(["true", "false"]);

export const testRunSchema = z.strictObject({
  apiVersion: z.literal("k6.io/v1alpha1"),
  kind: z.literal("TestRun"),
  metadata: z.strictObject({
    name: dnsName,
    namespace: dnsName.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    script,
    parallelism: z.int().min(1),
    separate: z.boolean().optional(),
    arguments: z.string().optional(),
    args: z.array(z.string()).optional(),
    ports: z.array(anObject).optional(),
    initializer: pod.optional(),
    starter: pod.optional(),
    runner: pod.optional(),
    quiet: stringBoolean.optional(),
    paused: stringBoolean.optional(),
    scuttle: anObject.optional(),
    cleanup: z.literal("post").optional(),
    testRunId: z.string().optional(),
    token: z.string().optional(),
  }),
});
export type TestRun = z.infer<typeof testRunSchema>;

export const configMapSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("ConfigMap"),
  metadata: z.strictObject({
    name: dnsName,
    namespace: dnsName.optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  data: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/), z.string()),
});
