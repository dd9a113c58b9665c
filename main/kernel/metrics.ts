import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What `GET /api/metrics` reports, in Prometheus text format. One registry per core
 * (not prom-client's global one), so two cores in one process — tests — never mix.
 * Labels are channel/provider names and outcomes only: never a patient or a chat.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly messagesIn = new Counter({
    name: 'recepta_messages_in_total',
    help: 'Inbound messages stored, by channel and provider (duplicates not counted).',
    labelNames: ['channel', 'provider'] as const,
    registers: [this.registry],
  });
  readonly duplicatesIn = new Counter({
    name: 'recepta_messages_duplicate_total',
    help: 'Inbound messages recognised as redeliveries and dropped.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly messagesOut = new Counter({
    name: 'recepta_messages_out_total',
    help: 'Send attempts by provider and outcome (sent, retry, failed).',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly pipelineLatency = new Histogram({
    name: 'recepta_pipeline_latency_seconds',
    help: 'From a patient message being stored to the reply being queued, debounce window included.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly turns = new Counter({
    name: 'recepta_assistant_turns_total',
    help: 'Assistant turns by which mode answered (llm, fallback or menu).',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'recepta_assistant_tokens_total',
    help: 'Tokens the model reported, prompt and completion.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(outboxDepth: () => number) {
    new Gauge({
      name: 'recepta_outbox_depth',
      help: 'Outgoing messages not yet sent (pending or being sent).',
      registers: [this.registry],
      collect() {
        this.set(outboxDepth());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'recepta_' });
    dropGaugesNamedLikeCounters(this.registry);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * prom-client's default Node metrics include gauges named `…_total`
 * (`nodejs_active_handles_total`, `…_requests_total`, `…_resources_total`). A `_total`
 * suffix means "counter" to Prometheus, and `promtool check metrics` rejects a gauge
 * carrying it. Each is the sum of a per-type gauge that stays (`nodejs_active_handles`
 * by `type`), so dropping them loses nothing. Done by rule, not by name, so a gauge
 * like these added by a later prom-client is dropped too.
 */
function dropGaugesNamedLikeCounters(registry: Registry): void {
  for (const metric of registry.getMetricsAsArray()) {
    if (metric instanceof Gauge && metric.name.endsWith('_total')) registry.removeSingleMetric(metric.name);
  }
}
