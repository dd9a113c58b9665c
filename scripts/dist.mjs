// `npm run dist [-- --win|--mac|--linux]` (after `npm run build`): electron-builder with
// electron-builder.yml, adjusted by scripts/dist-plan.mjs to the certificates and the
// update channel in the environment. Never uploads: publishing is a separate, deliberate
// step (copy release/ to the update channel).
import { build } from 'electron-builder';
import { distPlan, platformsFrom } from './dist-plan.mjs';

let plan;
let platforms;
try {
  platforms = platformsFrom(process.argv.slice(2), process.platform);
  plan = distPlan(process.env, platforms);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
for (const line of plan.messages) console.log(line);
Object.assign(process.env, plan.env);

// Given as an object, the config is merged over electron-builder.yml (found in the project folder).
await build({ config: plan.config, publish: 'never', ...Object.fromEntries(platforms.map((p) => [p, []])) });
