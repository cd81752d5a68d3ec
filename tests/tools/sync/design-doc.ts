/**
 * Prints the CouchDB design document a team's admin installs (README "Team library"):
 *   npx tsx tests/tools/sync/design-doc.ts > claimmark-design.json
 */
import { DESIGN_DOC } from '../../../utils/store/sync/design-doc';

process.stdout.write(`${JSON.stringify(DESIGN_DOC, null, 2)}\n`);
