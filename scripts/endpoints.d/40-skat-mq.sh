#!/usr/bin/env bash
# SKAT's MQ (devstack's second broker) and the simulator's admin API.
echo "  SKAT's MQ   core/JMS tcp://127.0.0.1:61617  queues SKAT.EINDKOMST.INDBERETNING.DATA/.STATUS, SKAT.EINDKOMST.RETUR.DATA/.STATUS"
echo "              skat-simulator admin http://127.0.0.1:8085/api/v1/admin/received (no payloads)"
