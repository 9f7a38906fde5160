{{/* Chart name, overridable. */}}
{{- define "gridbench.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: <release>-gridbench, or <release> when it says gridbench. */}}
{{- define "gridbench.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "gridbench.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gridbench.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gridbench.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "gridbench.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "gridbench.serviceAccountName" -}}
{{- default (include "gridbench.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/* The operator's permissions: read sweeps, write their status, create their children. */}}
{{- define "gridbench.operatorRules" -}}
- apiGroups: ["gridbench.io"]
  resources: ["benchmarksweeps"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["gridbench.io"]
  resources: ["benchmarksweeps/status"]
  verbs: ["get", "patch", "update"]
# Jobs, the plan and the results ConfigMaps are created, never deleted: owner references let the
# garbage collector remove them with their sweep.
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "patch"]
# update: RBAC lets the operator grant a sweep's workers get and update on their results
# ConfigMaps only if it holds both itself (it already may patch any ConfigMap, so this adds
# nothing); the alternative, escalate and bind on roles, would let it grant anything.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch", "update"]
# Each sweep's pods run as the sweep's own ServiceAccount, whose Role names the sweep's results
# ConfigMaps; the Role grows as the operator adds shards. Created by server-side apply (patch), as
# every child; never deleted by the operator.
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["rolebindings"]
  verbs: ["get", "list", "watch", "create", "patch"]
# Pods are read for the reason a failed worker gives.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
# The RayCluster of a sweep with Ray strategies: watched for readiness (the workflow's informer),
# created by server-side apply (patch), deleted when done.
- apiGroups: ["ray.io"]
  resources: ["rayclusters"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
{{- end }}
