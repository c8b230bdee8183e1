/**
 * The connected persons and classification rules in team mode: one validated
 * document (src/domain/classify/rulesFile.ts) in connected_config, written
 * only when a change request of kind 'rules' is checked by a second person
 * (server/http/data.ts calls applyRulesChange from its check).
 */
import {
  type ConnectedPersonsConfig,
  EMPTY_CONFIG,
  parseRulesFile,
  RulesFileError,
  serialiseRulesFile,
} from '../../src/domain/classify/rulesFile';
import type { Dataset } from '../../src/domain/model';
import { BUILT_IN_ENTITIES } from '../../src/domain/parties/entities';
import type { Queryable } from '../db';
import { rulesFileProblemText } from '../../src/ui/messages/connectedIssues';
import { refuse } from '../http/errors';

/** The change request target of every rules change (the configuration is one document). */
export const RULES_TARGET = 'connected-persons';

export interface RulesPayload {
  /** The whole configuration proposed, as validated. */
  config: ConnectedPersonsConfig;
  /** The imported file's name, or '' for a change made on screen. */
  fileName: string;
  fileSha256?: string;
}

/** The configuration in force; before any was checked in, the built-in parent entity and no rules. */
export async function loadConnectedConfig(q: Queryable): Promise<ConnectedPersonsConfig> {
  const { rows } = await q.query<{ config: ConnectedPersonsConfig }>(
    "SELECT config FROM connected_config WHERE key = 'current'",
  );
  return rows[0]?.config ?? { ...EMPTY_CONFIG, entities: BUILT_IN_ENTITIES };
}

/** Validates a rules file's text against the categories as the browser does; a 422 lists every problem. */
export function checkRulesText(text: string, fileName: string, ds: Dataset): ConnectedPersonsConfig {
  try {
    const c = parseRulesFile(
      text,
      fileName || 'connected persons',
      ds.categories.map((c) => c.id),
    );
    // Only the configuration's own sections (not the file's format and version).
    return { entities: c.entities, rules: c.rules, capBasis: c.capBasis, dismissed: c.dismissed, sides: c.sides };
  } catch (e) {
    if (e instanceof RulesFileError) {
      // `problems` in English for curl users, `issues` as data for the app to word in its language.
      throw refuse(
        422,
        'invalid-rules',
        'invalid-rules',
        { rules: e.problems },
        { problems: e.problems.map((p) => rulesFileProblemText(p, 'en')), issues: e.problems },
      );
    }
    throw e;
  }
}

/** Puts a checked rules change in force; returns the configuration it replaced (for the history). */
export async function applyRulesChange(
  q: Queryable,
  payload: RulesPayload,
  makerId: number,
  checkerId: number,
  ds: Dataset,
): Promise<ConnectedPersonsConfig> {
  // The register may have changed since the proposal: the rules must still name known categories.
  const config = checkRulesText(serialiseRulesFile(payload.config), payload.fileName, ds);
  const before = await loadConnectedConfig(q);
  await q.query(
    `INSERT INTO connected_config (key, config, proposed_by, checked_by) VALUES ('current', $1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET config = $1, proposed_by = $2, checked_by = $3, updated_at = now()`,
    [JSON.stringify(config), makerId, checkerId],
  );
  return before;
}
