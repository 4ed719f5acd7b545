-- The W3C trace context of the request or Kafka batch that planned a notice, so the dispatch span links back to it.
alter table notice add column traceparent text;
