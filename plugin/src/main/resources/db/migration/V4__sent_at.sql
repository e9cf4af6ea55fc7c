-- When the producer sent each request (its JMSTimestamp; null when it sent none): the start of the
-- send→reply time that the metrics report.
ALTER TABLE MKTSYNC_REQUEST ADD SENT_AT TIMESTAMP;
