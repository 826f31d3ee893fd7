// Reads TOPIC from the beginning with kafkajs, decodes each value with the Confluent registry
// client by the schema id embedded in it, and prints one JSON object per line:
//   {"partition":0,"offset":"0","key":"...","schemaId":N,"value":{...}}
// Stops after COUNT records, or fails when they have not all arrived within --timeout-ms.
//
//   node consume.mjs BOOTSTRAP REGISTRY_URL TOPIC COUNT [--timeout-ms 30000]
import { fail, kafka, parseArgs, registry } from './common.mjs';

const args = parseArgs(process.argv.slice(2), ['bootstrap', 'registry', 'topic', 'count'], { 'timeout-ms': '30000' });
const count = Number.parseInt(args.count, 10);
const timeoutMs = Number.parseInt(args['timeout-ms'], 10);

/**
 * Values as JSON: Protobuf messages with enums by name, int64 as numbers and proto3 fields left
 * at their default as such (as a Confluent deserializer shows them); bytes as base64.
 */
function plain(value) {
  if (value && value.$type) {
    value = value.$type.toObject(value, { longs: Number, enums: String, bytes: String, defaults: true });
  }
  return JSON.parse(JSON.stringify(value, (k, v) => {
    if (typeof v === 'bigint') return Number(v);
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('base64');
    return v;
  }));
}

async function main() {
  const reg = registry(args.registry);
  const consumer = kafka(args.bootstrap, 'weir-interop-consume').consumer({
    groupId: `weir-interop-${args.topic}-${process.pid}-${Date.now()}`,
    sessionTimeout: 10000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 200,
  });
  let seen = 0;
  let finish;
  const done = new Promise((resolve, reject) => {
    finish = resolve;
    setTimeout(() => reject(new Error(`only ${seen} of ${count} records arrived on ${args.topic} within ${timeoutMs} ms`)),
      timeoutMs).unref();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: args.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (seen >= count) return;
        const value = message.value === null ? null : await reg.decode(message.value);
        const line = {
          partition,
          offset: message.offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          schemaId: message.value === null ? null : message.value.readInt32BE(1),
          value: plain(value),
        };
        console.log(JSON.stringify(line));
        if (++seen >= count) finish();
      },
    });
    if (count > 0) await done;
  } finally {
    await consumer.disconnect();
  }
}

main().catch(fail);
