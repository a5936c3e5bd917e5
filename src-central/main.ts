import { configOrExit } from './config';
import { createLogger, describeFatal } from './logger';
import { startCentralService } from './service';

/** `npm run central [-- --demo]`: the central service, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const config = configOrExit(process.argv.slice(2));
  const logger = createLogger(config.logLevel);
  let central;
  try {
    central = await startCentralService(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'central service failed to start');
    process.stderr.write(`guichet central: ${describeFatal(error)}\n`);
    process.exit(1);
  }
  logger.info(
    { url: central.url, updates: `${central.url}/updates/`, database: central.database.kind },
    `Guichet central service on ${central.url}`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    central.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
