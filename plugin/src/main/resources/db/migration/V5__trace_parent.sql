-- The W3C traceparent of each request's span (io.mktsync.tracing.RequestTraces): its Marketo calls
-- and its reply join that trace later, on whichever node answers it.
ALTER TABLE MKTSYNC_REQUEST ADD TRACE_PARENT VARCHAR(64);
