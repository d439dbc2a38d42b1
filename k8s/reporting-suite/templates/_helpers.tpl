{{/*
Named templates shared by every resource. Per-service templates are called with a context
dict: {"root": $, "name": "<service>", "svc": <the service's values merged over .Values.defaults>}.
*/}}

{{- define "reporting-suite.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource name. */}}
{{- define "reporting-suite.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "reporting-suite.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of resources that belong to the suite as a whole (shared Secrets). Takes $. */}}
{{- define "reporting-suite.commonLabels" -}}
helm.sh/chart: {{ include "reporting-suite.chart" . }}
app.kubernetes.io/part-of: {{ include "reporting-suite.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
A service's values: .Values.defaults with every key the service block sets replacing the
default key as a whole. Returns YAML; use with fromYaml. Takes {"root": $, "svc": <block>}.
*/}}
{{- define "reporting-suite.serviceValues" -}}
{{- $merged := deepCopy .root.Values.defaults -}}
{{- range $key, $value := .svc -}}
{{- $_ := set $merged $key $value -}}
{{- end -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* The context dict of one service. Takes {"root": $, "name": <service>}. Returns YAML. */}}
{{- define "reporting-suite.context" -}}
{{- $svc := include "reporting-suite.serviceValues" (dict "root" .root "svc" (index .root.Values.services .name)) | fromYaml -}}
{{- if not (and $svc.service $svc.service.ports $svc.service.ports.http) -}}
{{- fail (printf "services.%s.service.ports.http is required" .name) -}}
{{- end -}}
{{- toYaml (dict "name" .name "svc" $svc) -}}
{{- end -}}

{{/* Name of a service's resources, e.g. reporting-suite-ingest-service. */}}
{{- define "reporting-suite.componentName" -}}
{{- printf "%s-%s" (include "reporting-suite.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "reporting-suite.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "reporting-suite.labels" -}}
{{ include "reporting-suite.selectorLabels" . }}
helm.sh/chart: {{ include "reporting-suite.chart" .root }}
app.kubernetes.io/part-of: {{ include "reporting-suite.name" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* registry/repository:tag, tag defaulting to appVersion, plus global.image.tagSuffix. */}}
{{- define "reporting-suite.image" -}}
{{- $global := .root.Values.global.image -}}
{{- $registry := default $global.registry .svc.image.registry -}}
{{- $tag := printf "%s%s" (toString (default .root.Chart.AppVersion .svc.image.tag)) (default "" $global.tagSuffix) -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .svc.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .svc.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "reporting-suite.serviceAccountName" -}}
{{- if .svc.serviceAccount.create -}}
{{- include "reporting-suite.componentName" . -}}
{{- else -}}
{{- default "default" .svc.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* One HTTP probe on the `http` port from a probe block (path plus Kubernetes probe fields). */}}
{{- define "reporting-suite.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
  {{- with .scheme }}
  scheme: {{ . }}
  {{- end }}
{{- range $key, $value := omit . "path" "scheme" }}
{{ $key }}: {{ int $value }}
{{- end }}
{{- end -}}

{{/* ---- Secrets: names and data (data doubles as the checksum input). ---- */}}

{{- define "reporting-suite.amqpSecretName" -}}
{{- default (printf "%s-amqp" (include "reporting-suite.fullname" .)) .Values.amqp.existingSecret -}}
{{- end -}}

{{- define "reporting-suite.mailerSecretName" -}}
{{- default (printf "%s-mailer" (include "reporting-suite.fullname" .)) .Values.mailer.existingSecret -}}
{{- end -}}

{{- define "reporting-suite.skatMqSecretName" -}}
{{- default (printf "%s-skat-mq" (include "reporting-suite.fullname" .)) .Values.skatMq.existingSecret -}}
{{- end -}}

{{- define "reporting-suite.payloadEncryptionSecretName" -}}
{{- default (printf "%s-payload-encryption" (include "reporting-suite.fullname" .)) .Values.payloadEncryption.existingSecret -}}
{{- end -}}

{{/* The Belgian batch channel: its ConfigMap, where ingest mounts it, and where the senders' Secret goes. */}}
{{- define "reporting-suite.batchChannelName" -}}
{{- printf "%s-batch-channel" (include "reporting-suite.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "reporting-suite.batchChannelDir" -}}/etc/reporting-suite/batch-channel{{- end -}}
{{- define "reporting-suite.batchChannelSendersDir" -}}/etc/reporting-suite/batch-channel-senders{{- end -}}
{{- define "reporting-suite.platformSigningDir" -}}/etc/reporting-suite/platform-signing{{- end -}}

{{/* TLS of the services' HTTP ports (tls.*): where the Secret is mounted (service-support's %prod suite.tls.* defaults
read tls.crt and tls.key there, ingest's and debt's client-ca.crt) and its name: tls.existingSecret or the chart's. */}}
{{- define "reporting-suite.tlsDir" -}}/etc/reporting-suite/tls{{- end -}}
{{- define "reporting-suite.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "reporting-suite.fullname" .)) .Values.tls.existingSecret -}}
{{- end -}}

{{/*
batchChannel as ingest's properties: ingest.batch-channel.channels.<USER>.* with the key and certificate files of
the senders' Secret, and the mandate registry's administrators. Fails on what ingest would refuse to run with.
*/}}
{{- define "reporting-suite.batchChannelProperties" -}}
{{- $b := .Values.batchChannel -}}
{{- if and $b.channels (not $b.existingSecret) -}}
{{- fail "batchChannel.channels needs batchChannel.existingSecret (<USER>.authorized_keys and <USER>.certificates.pem per channel)" -}}
{{- end -}}
{{- if and $b.channels (not .Values.platformSigning.existingSecret) -}}
{{- fail "batchChannel.channels needs platformSigning.existingSecret (platform-key.pem, platform-certificate.pem): ingest signs the ACRFs and receipt the answers with the same pair" -}}
{{- end -}}
# The Belgian batch channel (ingest-service BatchChannelConfig), rendered from the chart's batchChannel.
{{- range $user, $channel := $b.channels }}
ingest.batch-channel.channels.{{ $user }}.sender-number={{ $channel.senderNumber }}
ingest.batch-channel.channels.{{ $user }}.quality={{ $channel.quality }}
ingest.batch-channel.channels.{{ $user }}.company-id={{ $channel.companyId }}
ingest.batch-channel.channels.{{ $user }}.authorized-keys={{ include "reporting-suite.batchChannelSendersDir" $ }}/{{ $user }}.authorized_keys
ingest.batch-channel.channels.{{ $user }}.signing-certificates={{ include "reporting-suite.batchChannelSendersDir" $ }}/{{ $user }}.certificates.pem
{{- end }}
{{- /* A list property in a properties file: a comma inside one subject (an RDN separator) is written "\\," (the
file's "\\" is one backslash, which escapes the comma for the list); commas between subjects are not. */}}
{{- with $b.adminCertificateSubjects }}
{{- $subjects := list }}
{{- range . }}
{{- $subjects = append $subjects (. | replace "\\" "\\\\" | replace "," "\\\\,") }}
{{- end }}
ingest.batch-channel.admin.certificate-subjects={{ join "," $subjects }}
{{- end }}
{{- end -}}

{{/* Where a service with connects.payloadEncryption finds its keys (a properties file from the Secret). */}}
{{- define "reporting-suite.payloadEncryptionDir" -}}
/etc/reporting-suite/payload-encryption
{{- end -}}

{{/* The chart-made payload-encryption.properties. */}}
{{- define "reporting-suite.payloadEncryptionProperties" -}}
{{- $pe := .Values.payloadEncryption -}}
{{- if $pe.currentKey }}
ingest.payload-encryption.current-key={{ $pe.currentKey }}
{{- end }}
{{- range $id, $key := $pe.keys }}
{{- if not (regexMatch "^[A-Za-z0-9-]+$" $id) }}{{ fail (printf "payloadEncryption.keys: key id %q may hold only letters, digits and -" $id) }}{{ end }}
ingest.payload-encryption.keys.{{ $id }}={{ $key }}
{{- end }}
{{- end -}}

{{/*
The postgresql.databases entry of a service; fails when the service needs one and has none. With
cloudnativePg.enabled and a cluster for the service, host and credentials are the CloudNativePG cluster's:
its read-write Service `<cluster>-rw` and its application Secret `<cluster>-app` (keys username, password).
*/}}
{{- define "reporting-suite.database" -}}
{{- $db := deepCopy (index .root.Values.postgresql.databases .name | default dict) -}}
{{- if not $db.name -}}
{{- fail (printf "services.%s.connects.database is true but postgresql.databases.%s.name is not set" .name .name) -}}
{{- end -}}
{{- $cnpg := .root.Values.cloudnativePg -}}
{{- if $cnpg.enabled -}}
{{- $cluster := index $cnpg.clusters .name -}}
{{- if not (and $cluster $cluster.name) -}}
{{- fail (printf "cloudnativePg.enabled: cloudnativePg.clusters.%s.name is not set" .name) -}}
{{- end -}}
{{- $_ := set $db "host" (printf "%s-rw" $cluster.name) -}}
{{- $_ := set $db "port" 5432 -}}
{{- $_ := set $db "existingSecret" (printf "%s-app" $cluster.name) -}}
{{- $_ := set $db "secretKeys" (dict "username" "username" "password" "password") -}}
{{- end -}}
{{- toYaml $db -}}
{{- end -}}

{{/* The AMQP broker's host, port and TLS: amqp.*, or the ArtemisCloud broker's acceptor Service. Takes $. */}}
{{- define "reporting-suite.amqpEndpoint" -}}
{{- $a := .Values.artemis -}}
{{- if $a.enabled -}}
host: {{ printf "%s-%s-0-svc" $a.name $a.acceptor.name }}
port: {{ int $a.acceptor.port }}
useSsl: {{ $a.acceptor.sslEnabled }}
{{- else -}}
host: {{ .Values.amqp.host }}
port: {{ int .Values.amqp.port }}
useSsl: {{ .Values.amqp.useSsl }}
{{- end -}}
{{- end -}}

{{- define "reporting-suite.databaseSecretName" -}}
{{- $db := include "reporting-suite.database" . | fromYaml -}}
{{- default (printf "%s-db" (include "reporting-suite.componentName" .)) $db.existingSecret -}}
{{- end -}}

{{/* Secret data from a credentials block {username, password, secretKeys}. */}}
{{- define "reporting-suite.credentialsData" -}}
{{ .secretKeys.username }}: {{ default "" .username | b64enc | quote }}
{{ .secretKeys.password }}: {{ default "" .password | b64enc | quote }}
{{- end -}}

{{/*
What a service's pods must restart for: the chart-made secrets they read (or the names of
existing ones, which the chart cannot see into).
*/}}
{{- define "reporting-suite.secretChecksumInput" -}}
{{- $root := .root -}}
{{- if or .svc.connects.amqp .svc.connects.brokerCore }}
amqp: {{ if $root.Values.amqp.existingSecret }}{{ $root.Values.amqp.existingSecret }}{{ else }}{{ include "reporting-suite.credentialsData" $root.Values.amqp | nindent 2 }}{{ end }}
{{- end }}
{{- if .svc.connects.database }}
{{- $db := include "reporting-suite.database" . | fromYaml }}
database: {{ if $db.existingSecret }}{{ $db.existingSecret }}{{ else }}{{ include "reporting-suite.credentialsData" $db | nindent 2 }}{{ end }}
{{- end }}
{{- if .svc.connects.payloadEncryption }}
payloadEncryption: {{ if $root.Values.payloadEncryption.existingSecret }}{{ $root.Values.payloadEncryption.existingSecret }}{{ else }}{{ include "reporting-suite.payloadEncryptionProperties" $root | sha256sum }}{{ end }}
{{- end }}
{{- if .svc.connects.skatMq }}
skatMq: {{ if $root.Values.skatMq.existingSecret }}{{ $root.Values.skatMq.existingSecret }}{{ else }}{{ include "reporting-suite.credentialsData" $root.Values.skatMq | nindent 2 }}{{ end }}
{{- end }}
{{- if .svc.connects.mailer }}
mailer: {{ if $root.Values.mailer.existingSecret }}{{ $root.Values.mailer.existingSecret }}{{ else }}{{ include "reporting-suite.credentialsData" $root.Values.mailer | nindent 2 }}{{ end }}
{{- end }}
{{- end -}}

{{/* ---- Configuration ---- */}}

{{/* Name of the one ConfigMap holding the case-system registry, and where every service mounts it. */}}
{{- define "reporting-suite.caseSystemsName" -}}
{{- printf "%s-case-systems" (include "reporting-suite.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "reporting-suite.caseSystemsDir" -}}/etc/reporting-suite/case-systems{{- end -}}

{{/*
The case-system registry (values caseSystems) as the properties every service reads:
suite.case-systems.<NAME>.<kebab-case key>; lists joined by commas, kommuner as one key per SE number.
*/}}
{{- define "reporting-suite.caseSystemsProperties" -}}
# The case-system registry (service-support CaseSystemsConfig), rendered from the chart's caseSystems.
{{- range $name, $system := .Values.caseSystems }}
{{- range $key, $value := $system }}
{{- if eq $key "kommuner" }}
{{- range $se, $cvr := $value }}
suite.case-systems.{{ $name }}.kommuner.{{ $se }}={{ $cvr }}
{{- end }}
{{- else if kindIs "slice" $value }}
suite.case-systems.{{ $name }}.{{ kebabcase $key }}={{ join "," $value | replace "\\" "\\\\" }}
{{- else }}
suite.case-systems.{{ $name }}.{{ kebabcase $key }}={{ toString $value | replace "\\" "\\\\" }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The non-secret environment of a service (its ConfigMap's data), as YAML. */}}
{{- define "reporting-suite.configData" -}}
{{- $v := .root.Values -}}
{{- $data := dict "QUARKUS_PROFILE" $v.global.quarkusProfile "QUARKUS_HTTP_PORT" (int .svc.service.ports.http) -}}
{{- /* One list: the case-system registry for every service, plus ingest's payload keys (a Secret's file). */ -}}
{{- $locations := list (printf "%s/case-systems.properties" (include "reporting-suite.caseSystemsDir" .)) -}}
{{- if .svc.connects.payloadEncryption -}}
{{- $locations = append $locations (printf "%s/payload-encryption.properties" (include "reporting-suite.payloadEncryptionDir" .root)) -}}
{{- end -}}
{{- if and .svc.connects.batchChannel $v.batchChannel.channels -}}
{{- $locations = append $locations (printf "%s/batch-channel.properties" (include "reporting-suite.batchChannelDir" .root)) -}}
{{- end -}}
{{- $_ := set $data "QUARKUS_CONFIG_LOCATIONS" (join "," $locations) -}}
{{- if and .svc.connects.platformSigning $v.platformSigning.existingSecret -}}
{{- $_ := set $data "SUITE_PLATFORM_SIGNING_KEY" (printf "%s/platform-key.pem" (include "reporting-suite.platformSigningDir" .root)) -}}
{{- $_ := set $data "SUITE_PLATFORM_SIGNING_CERTIFICATE" (printf "%s/platform-certificate.pem" (include "reporting-suite.platformSigningDir" .root)) -}}
{{- $_ := set $data "SUITE_PLATFORM_SIGNING_GENERATE" "false" -}}
{{- end -}}
{{- range $port, $env := .svc.service.portEnv -}}
{{- if not (hasKey $.svc.service.ports $port) -}}
{{- fail (printf "services.%s.service.portEnv names port %q, which service.ports does not have" $.name $port) -}}
{{- end -}}
{{- $_ := set $data $env (int (index $.svc.service.ports $port)) -}}
{{- end -}}
{{- if .svc.connects.amqp -}}
{{- $amqp := include "reporting-suite.amqpEndpoint" .root | fromYaml -}}
{{- $_ := set $data "AMQP_HOST" $amqp.host -}}
{{- $_ := set $data "AMQP_PORT" (int $amqp.port) -}}
{{- $_ := set $data "AMQP_USE_SSL" $amqp.useSsl -}}
{{- end -}}
{{- if .svc.connects.brokerCore -}}
{{- $_ := set $data "QUARKUS_ARTEMIS__SUITE__URL" $v.amqp.coreUrl -}}
{{- end -}}
{{- if .svc.connects.database -}}
{{- $db := include "reporting-suite.database" . | fromYaml -}}
{{- $url := printf "jdbc:postgresql://%s:%d/%s" (default $v.postgresql.host $db.host) (int (default $v.postgresql.port $db.port)) $db.name -}}
{{- with $v.postgresql.jdbcParameters -}}
{{- $url = printf "%s?%s" $url . -}}
{{- end -}}
{{- $_ := set $data "QUARKUS_DATASOURCE_JDBC_URL" $url -}}
{{- end -}}
{{- if .svc.connects.skatMq -}}
{{- $_ := set $data "QUARKUS_ARTEMIS__SKAT__URL" $v.skatMq.url -}}
{{- range $key, $queue := $v.skatMq.queues -}}
{{- $_ := set $data (printf "SKAT_MQ_QUEUE_%s" (snakecase $key | upper)) $queue -}}
{{- end -}}
{{- end -}}
{{- if .svc.connects.mailer -}}
{{- $_ := set $data "QUARKUS_MAILER_HOST" $v.mailer.host -}}
{{- $_ := set $data "QUARKUS_MAILER_PORT" (int $v.mailer.port) -}}
{{- $_ := set $data "QUARKUS_MAILER_FROM" $v.mailer.from -}}
{{- $_ := set $data "QUARKUS_MAILER_TLS" $v.mailer.tls -}}
{{- $_ := set $data "QUARKUS_MAILER_START_TLS" $v.mailer.startTls -}}
{{- end -}}
{{- range $key, $value := $v.commonConfig -}}
{{- $_ := set $data $key $value -}}
{{- end -}}
{{- range $key, $value := .svc.config -}}
{{- $_ := set $data $key $value -}}
{{- end -}}
{{- /* The service's data directory is its volume's mount path, never a path set by hand. */ -}}
{{- with .svc.persistence.dataDirEnv -}}
{{- if not $.svc.persistence.enabled -}}
{{- fail (printf "services.%s.persistence.dataDirEnv (%s) needs persistence.enabled: the data directory must be on the volume" $.name .) -}}
{{- end -}}
{{- if or (hasKey $.svc.config .) (hasKey $.root.Values.commonConfig .) -}}
{{- fail (printf "services.%s: %s is set from persistence.mountPath; do not set it in config" $.name .) -}}
{{- end -}}
{{- $_ := set $data . $.svc.persistence.mountPath -}}
{{- end -}}
{{- range $key, $value := $data }}
{{ $key }}: {{ toString $value | quote }}
{{- end }}
{{- end -}}

{{/* A secretKeyRef env var. Takes {"env": NAME, "secret": NAME, "key": KEY}. */}}
{{- define "reporting-suite.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* The container's secret env vars and extra env. */}}
{{- define "reporting-suite.env" -}}
{{- $root := .root -}}
{{- if .svc.connects.amqp }}
{{ include "reporting-suite.secretEnv" (dict "env" "AMQP_USERNAME" "secret" (include "reporting-suite.amqpSecretName" $root) "key" $root.Values.amqp.secretKeys.username) }}
{{ include "reporting-suite.secretEnv" (dict "env" "AMQP_PASSWORD" "secret" (include "reporting-suite.amqpSecretName" $root) "key" $root.Values.amqp.secretKeys.password) }}
{{- end }}
{{- if .svc.connects.brokerCore }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_ARTEMIS__SUITE__USERNAME" "secret" (include "reporting-suite.amqpSecretName" $root) "key" $root.Values.amqp.secretKeys.username) }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_ARTEMIS__SUITE__PASSWORD" "secret" (include "reporting-suite.amqpSecretName" $root) "key" $root.Values.amqp.secretKeys.password) }}
{{- end }}
{{- if .svc.connects.database }}
{{- $db := include "reporting-suite.database" . | fromYaml }}
{{- $secret := include "reporting-suite.databaseSecretName" . }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_DATASOURCE_USERNAME" "secret" $secret "key" $db.secretKeys.username) }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_DATASOURCE_PASSWORD" "secret" $secret "key" $db.secretKeys.password) }}
{{- end }}
{{- if .svc.connects.skatMq }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_ARTEMIS__SKAT__USERNAME" "secret" (include "reporting-suite.skatMqSecretName" $root) "key" $root.Values.skatMq.secretKeys.username) }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_ARTEMIS__SKAT__PASSWORD" "secret" (include "reporting-suite.skatMqSecretName" $root) "key" $root.Values.skatMq.secretKeys.password) }}
{{- end }}
{{- if .svc.connects.mailer }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_MAILER_USERNAME" "secret" (include "reporting-suite.mailerSecretName" $root) "key" $root.Values.mailer.secretKeys.username) }}
{{ include "reporting-suite.secretEnv" (dict "env" "QUARKUS_MAILER_PASSWORD" "secret" (include "reporting-suite.mailerSecretName" $root) "key" $root.Values.mailer.secretKeys.password) }}
{{- end }}
{{- with ($root.Values.otel | default dict).endpoint }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with $root.Values.commonEnv }}
{{ toYaml . }}
{{- end }}
{{- with .svc.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Whether a service may run more than one pod; fails with the reason when it would and may not:
`singleInstance`, or a volume that is not ReadWriteMany (every pod must see the same data directory).
Returns "true" when it runs (or may be scaled to) more than one pod.
*/}}
{{- define "reporting-suite.scaling" -}}
{{- $hpa := .svc.autoscaling | default dict -}}
{{- $several := or (gt (int .svc.replicas) 1) $hpa.enabled -}}
{{- if $hpa.enabled -}}
{{- if gt (int $hpa.minReplicas) (int $hpa.maxReplicas) -}}
{{- fail (printf "services.%s.autoscaling: minReplicas (%d) is above maxReplicas (%d)" .name (int $hpa.minReplicas) (int $hpa.maxReplicas)) -}}
{{- end -}}
{{- if not (and .svc.resources .svc.resources.requests .svc.resources.requests.cpu) -}}
{{- fail (printf "services.%s.autoscaling needs resources.requests.cpu: the HPA's target is a share of it" .name) -}}
{{- end -}}
{{- end -}}
{{- if $several -}}
{{- with .svc.singleInstance -}}
{{- fail (printf "services.%s runs as one pod only (replicas > 1 or autoscaling refused): %s" $.name .) -}}
{{- end -}}
{{- if and .svc.persistence .svc.persistence.enabled (not (has "ReadWriteMany" .svc.persistence.accessModes)) -}}
{{- fail (printf "services.%s: replicas > 1 or autoscaling needs persistence.accessModes ReadWriteMany (every pod serves the same data directory); a ReadWriteOnce volume keeps it at one pod" .name) -}}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{/* Whether a service gets a PodDisruptionBudget: pdb.enabled, or when null, more than one pod. */}}
{{- define "reporting-suite.pdbEnabled" -}}
{{- $enabled := .svc.pdb.enabled -}}
{{- $hpa := .svc.autoscaling | default dict -}}
{{- if kindIs "invalid" $enabled -}}
{{- if or (gt (int .svc.replicas) 1) (and $hpa.enabled (gt (int $hpa.minReplicas) 1)) }}true{{ end -}}
{{- else if $enabled -}}
true
{{- end -}}
{{- end -}}
