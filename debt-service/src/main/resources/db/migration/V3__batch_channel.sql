-- The Belgian batch channel (SPEC §5, §6.4): a request from ingest's channel names the environment of its
-- transmission (R production, T test) and the enterprise (CBE) it is made for; both travel with every result
-- group so receipt-service can render the answer and ingest can put it in the sender's OUT or OUTTEST.
alter table debt_batch add column environment text;
alter table debt_batch add column mandant text;
