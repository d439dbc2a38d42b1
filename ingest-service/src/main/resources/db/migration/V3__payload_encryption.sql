-- Personal data at rest (SPEC §2.8): forsendelse.payload holds IV ‖ AES-256-GCM ciphertext ‖ tag under the
-- key named in payload_key_id (ingest.payload-encryption.keys). Rows stored before this version are
-- plaintext and marked 'plaintext'; ingest-service re-encrypts them under the current key at start-up
-- (PayloadReencryption), after which no plaintext payload remains.
ALTER TABLE forsendelse ADD COLUMN payload_key_id varchar(64) NOT NULL DEFAULT 'plaintext';
ALTER TABLE forsendelse ALTER COLUMN payload_key_id DROP DEFAULT;
CREATE INDEX forsendelse_by_payload_key ON forsendelse (payload_key_id);
