// Shared by produce.mjs and consume.mjs: argument parsing and the clients.
import { Kafka, logLevel } from 'kafkajs';
import confluent from '@kafkajs/confluent-schema-registry';

const { SchemaRegistry } = confluent;

/** Positional arguments and --name value options. */
export function parseArgs(argv, positional, defaults) {
  const options = { ...defaults };
  const values = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const name = argv[i].slice(2);
      if (!(name in defaults) || i + 1 >= argv.length) {
        usage(positional, defaults, `unknown or incomplete option ${argv[i]}`);
      }
      options[name] = argv[++i];
    } else {
      values.push(argv[i]);
    }
  }
  if (values.length !== positional.length) {
    usage(positional, defaults, `expected ${positional.length} arguments, got ${values.length}`);
  }
  positional.forEach((name, i) => { options[name] = values[i]; });
  return options;
}

function usage(positional, defaults, problem) {
  const opts = Object.entries(defaults).map(([k, v]) => `[--${k} ${v}]`).join(' ');
  console.error(`${problem}\nusage: node ${process.argv[1].split('/').pop()} ${positional.map(p => p.toUpperCase()).join(' ')} ${opts}`);
  process.exit(2);
}

export function kafka(bootstrap, clientId) {
  return new Kafka({
    clientId,
    brokers: bootstrap.split(','),
    logLevel: logLevel.WARN,
    // stdout is for what the scripts print: the client's own messages go to stderr.
    logCreator: () => ({ label, log }) => console.error(`kafkajs ${label}: ${log.message}${log.error ? ` (${log.error})` : ''}`),
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

export function registry(url) {
  return new SchemaRegistry({ host: url, clientId: 'weir-interop' });
}

export function fail(error) {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
}
