-- The W3C traceparent of the span that wrote the return file (eindkomst.retur process), so the case-system
-- notification sent later by the dispatcher continues the forsendelse's trace. Null when tracing is off.
ALTER TABLE return_delivery ADD COLUMN traceparent VARCHAR(55);
