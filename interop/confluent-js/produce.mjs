// Registers a schema under TOPIC-value through the Confluent registry client, serializes COUNT
// payments with it in the Confluent wire format and produces them to TOPIC with kafkajs.
//
//   node produce.mjs BOOTSTRAP REGISTRY_URL TOPIC COUNT [--format avro|json|protobuf]
//
// Prints the id of the registered schema, then one line per record sent (its key and the JSON
// of the value before serialization).
import { readFileSync } from 'node:fs';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { Partitioners } from 'kafkajs';
import { fail, kafka, parseArgs, registry } from './common.mjs';

const args = parseArgs(process.argv.slice(2), ['bootstrap', 'registry', 'topic', 'count'], { format: 'avro' });
const count = Number.parseInt(args.count, 10);
if (!(count >= 0)) fail(`COUNT must be a number, was ${args.count}`);

const schemas = {
  avro: { type: SchemaType.AVRO, file: 'schemas/payment.avsc' },
  json: { type: SchemaType.JSON, file: 'schemas/payment.schema.json' },
  protobuf: { type: SchemaType.PROTOBUF, file: 'schemas/payment.proto' },
};
const chosen = schemas[args.format];
if (!chosen) fail(`--format must be one of ${Object.keys(schemas).join(', ')}, was ${args.format}`);

const CURRENCIES = ['EUR', 'USD', 'GBP'];

/** Payment i: a fixed, reproducible record, so a test can tell what should come out. */
function payment(i) {
  const p = {
    id: `p-${i}`,
    customer: `c-${i % 3}`,
    amount: i * 50 + 0.25,
    currency: CURRENCIES[i % CURRENCIES.length],
    ts: 1767225600000 + i * 1000,
    tags: i % 2 === 0 ? ['even', `n${i}`] : [`n${i}`],
  };
  if (i % 2 === 0) {
    p.note = `note ${i}`;
  } else if (args.format === 'avro') {
    p.note = null; // the union's null branch; JSON and Protobuf leave the field out
  }
  if (args.format === 'protobuf') {
    p.currency = CURRENCIES.indexOf(p.currency); // this client takes Protobuf enums by number
  }
  return p;
}

/**
 * The Confluent wire format for Protobuf puts the message indexes between the schema id and the
 * message ([0], the file's first message, as the single byte 0). This client leaves them out when
 * it encodes (and skips leading zero bytes when it decodes), so they are added here.
 */
function withMessageIndexes(framed) {
  return Buffer.concat([framed.subarray(0, 5), Buffer.from([0]), framed.subarray(5)]);
}

async function main() {
  const schemaText = readFileSync(new URL(chosen.file, import.meta.url), 'utf8');
  const reg = registry(args.registry);
  const { id } = await reg.register({ type: chosen.type, schema: schemaText }, { subject: `${args.topic}-value` });
  console.log(`registered ${args.topic}-value id ${id}`);

  const messages = [];
  for (let i = 1; i <= count; i++) {
    const value = payment(i);
    let bytes = await reg.encode(id, value);
    if (args.format === 'protobuf') bytes = withMessageIndexes(bytes);
    messages.push({ key: value.customer, value: bytes });
    console.log(`sent ${value.customer} ${JSON.stringify(value)}`);
  }

  const producer = kafka(args.bootstrap, 'weir-interop-produce').producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner, // the Java client's murmur2 partitioning
  });
  await producer.connect();
  try {
    await producer.send({ topic: args.topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

main().catch(fail);
