#!/usr/bin/env bash
# Lines ./suite up prints for ingest-service's submission channels (local run: HTTP Basic per case system).
echo "  ingest SOAP (EP_FS1)  http://127.0.0.1:8081/soap/SkatIndberetning?wsdl"
echo "  ingest REST           http://127.0.0.1:8081/api/v1/indberetninger  (track: GET .../{HovedIndberetningID})"
echo "  ingest JSON tools     http://127.0.0.1:8081/api/v1/eindkomst/{encode,decode,schema}  (structured JSON: POST .../indberetninger)"
echo "  ingest credentials    KY ky/ky-secret (ids A...), KSD ksd/ksd-secret (ids B...)"
