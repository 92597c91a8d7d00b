// Workspace schema as ordered migrations (ARCHITECTURE.md §7). Each migration runs once, in a transaction.
// Node side (workspace).

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /**
   * Rebuilds a table that others reference (SQLite cannot alter a CHECK constraint): runs with foreign keys
   * off, then `PRAGMA foreign_key_check` must find nothing before the transaction commits.
   */
  rebuildsTable?: boolean;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'samples, models, runs, predictions, routing summaries, failures, annotations, thresholds, custody log',
    sql: `
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        root TEXT NOT NULL,
        source TEXT NOT NULL,
        list_path TEXT,
        opened_at TEXT NOT NULL,
        UNIQUE (root, source, list_path)
      );
      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        path TEXT NOT NULL,
        abs_path TEXT NOT NULL,
        sha256 TEXT,
        size_bytes INTEGER,
        label INTEGER NOT NULL CHECK (label IN (0, 1)),
        category TEXT NOT NULL,
        species TEXT NOT NULL,
        split TEXT NOT NULL DEFAULT '',
        identity TEXT NOT NULL DEFAULT '',
        file_status TEXT NOT NULL,
        file_reason TEXT,
        UNIQUE (dataset_id, path)
      );
      CREATE INDEX samples_by_species ON samples (species);
      CREATE TABLE models (
        sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        onnx_path TEXT NOT NULL,
        sidecar_json TEXT NOT NULL,
        registered_at TEXT NOT NULL
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        model_sha256 TEXT NOT NULL REFERENCES models(sha256),
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        provider TEXT NOT NULL,
        provider_attempts TEXT NOT NULL,
        versions TEXT NOT NULL,
        batch_size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
        total INTEGER NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0,
        scored INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        infer_ms REAL NOT NULL DEFAULT 0,
        decode_ms REAL NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE TABLE predictions (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL REFERENCES models(sha256),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        sample_sha256 TEXT NOT NULL,
        score REAL NOT NULL,
        logits TEXT NOT NULL,
        dominant_expert INTEGER,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (sample_id, model_sha256)
      );
      CREATE INDEX predictions_by_model ON predictions (model_sha256, score);
      CREATE TABLE routing_summaries (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        layer INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        experts INTEGER NOT NULL,
        expert_mass_f16 BLOB NOT NULL,
        PRIMARY KEY (sample_id, model_sha256, layer)
      );
      CREATE TABLE failures (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        reason TEXT NOT NULL,
        PRIMARY KEY (run_id, sample_id)
      );
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        verdict TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open'
      );
      CREATE TRIGGER annotations_append_only_update BEFORE UPDATE ON annotations
        BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
      CREATE TRIGGER annotations_append_only_delete BEFORE DELETE ON annotations
        BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
      CREATE TABLE thresholds (
        id INTEGER PRIMARY KEY,
        model_sha256 TEXT,
        value REAL NOT NULL,
        criterion TEXT NOT NULL,
        split TEXT NOT NULL DEFAULT '',
        data_hash TEXT NOT NULL DEFAULT '',
        provenance TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );
      CREATE TABLE custody_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'per-token dispatch mass (Σ_s dispatch, float16) beside the combine mass',
    sql: 'ALTER TABLE routing_summaries ADD COLUMN dispatch_mass_f16 BLOB;',
  },
  {
    version: 3,
    description: 'annotations name an attack species; bookmarks for building case files',
    sql: `
      ALTER TABLE annotations ADD COLUMN attack_species TEXT NOT NULL DEFAULT '';
      CREATE INDEX annotations_by_sample ON annotations (sample_id, id);
      CREATE TABLE bookmarks (
        sample_id INTEGER PRIMARY KEY REFERENCES samples(id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'per-sample embeddings (float16) of each model; occlusion and perturbation probes saved with the sample',
    sql: `
      CREATE TABLE embeddings (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        dims INTEGER NOT NULL,
        embedding_f16 BLOB NOT NULL,
        PRIMARY KEY (model_sha256, sample_id)
      );
      CREATE TABLE probes (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('occlusion-tokens', 'occlusion-7x7', 'perturbation')),
        sample_sha256 TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (sample_id, model_sha256, kind)
      );
    `,
  },
  {
    version: 5,
    description: 'one sample per detected face (photograph path, face index, box, keypoints, detector confidence); face choice of a run; domain distance and in/out flag of each prediction (NULL = domain unknown)',
    sql: `
      ALTER TABLE samples ADD COLUMN file_path TEXT;
      ALTER TABLE samples ADD COLUMN face_index INTEGER;
      ALTER TABLE samples ADD COLUMN face_box TEXT;
      ALTER TABLE samples ADD COLUMN face_keypoints TEXT;
      ALTER TABLE samples ADD COLUMN face_confidence REAL;
      ALTER TABLE samples ADD COLUMN non_response TEXT;
      ALTER TABLE runs ADD COLUMN faces TEXT NOT NULL DEFAULT 'none';
      ALTER TABLE predictions ADD COLUMN domain_distance REAL;
      ALTER TABLE predictions ADD COLUMN in_domain INTEGER;
    `,
  },
  {
    version: 6,
    description: 'embedding-map projections cached per model, scoring state, method and seed',
    sql: `
      CREATE TABLE projections (
        model_sha256 TEXT NOT NULL,
        state_key TEXT NOT NULL,
        method TEXT NOT NULL,
        seed INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ids_i32 BLOB NOT NULL,
        xy_f32 BLOB NOT NULL,
        seconds REAL NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (model_sha256, method, seed)
      );
    `,
  },
  {
    version: 7,
    description: 'questioned samples: label NULL when a sample has no ground truth (common/dataset/label.ts); existing 0/1 labels kept',
    rebuildsTable: true,
    sql: `
      CREATE TABLE samples_v7 (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        path TEXT NOT NULL,
        abs_path TEXT NOT NULL,
        sha256 TEXT,
        size_bytes INTEGER,
        label INTEGER CHECK (label IS NULL OR label IN (0, 1)),
        category TEXT NOT NULL,
        species TEXT NOT NULL,
        split TEXT NOT NULL DEFAULT '',
        identity TEXT NOT NULL DEFAULT '',
        file_status TEXT NOT NULL,
        file_reason TEXT,
        file_path TEXT,
        face_index INTEGER,
        face_box TEXT,
        face_keypoints TEXT,
        face_confidence REAL,
        non_response TEXT,
        UNIQUE (dataset_id, path)
      );
      INSERT INTO samples_v7 (id, dataset_id, path, abs_path, sha256, size_bytes, label, category, species, split, identity, file_status, file_reason,
        file_path, face_index, face_box, face_keypoints, face_confidence, non_response)
        SELECT id, dataset_id, path, abs_path, sha256, size_bytes, label, category, species, split, identity, file_status, file_reason,
          file_path, face_index, face_box, face_keypoints, face_confidence, non_response FROM samples;
      DROP TABLE samples;
      ALTER TABLE samples_v7 RENAME TO samples;
      CREATE INDEX samples_by_species ON samples (species);
    `,
  },
  {
    version: 8,
    description: 'indexes for the sample browser\'s choices: attack species by label, splits (read by skipping from value to value)',
    sql: `
      CREATE INDEX samples_by_label_species ON samples (label, species);
      CREATE INDEX samples_by_split ON samples (split);
    `,
  },
  {
    version: 9,
    description: 'counts kept by triggers: samples per dataset, predictions per model and dataset (a workspace opens without counting its rows)',
    sql: `
      CREATE TABLE dataset_counts (
        dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id),
        samples INTEGER NOT NULL
      );
      CREATE TABLE prediction_counts (
        model_sha256 TEXT NOT NULL,
        dataset_id INTEGER NOT NULL,
        predictions INTEGER NOT NULL,
        PRIMARY KEY (model_sha256, dataset_id)
      ) WITHOUT ROWID;
      INSERT INTO dataset_counts (dataset_id, samples) SELECT dataset_id, COUNT(*) FROM samples GROUP BY dataset_id;
      -- samples first (CROSS JOIN keeps that order): two covering indexes read in key order, 2.8–3.5 s from a cold disk
      -- at 10⁶ predictions, where the planner's order (by score, then each sample at random) took 11.3–14.5 s
      -- (docs/benchmarks/scale.md, "counts kept in the workspace").
      INSERT INTO prediction_counts (model_sha256, dataset_id, predictions)
        SELECT p.model_sha256, s.dataset_id, COUNT(*) FROM samples s CROSS JOIN predictions p ON p.sample_id = s.id GROUP BY p.model_sha256, s.dataset_id;
      -- An upsert that updates fires no INSERT trigger: only rows that are new are counted.
      CREATE TRIGGER samples_count_insert AFTER INSERT ON samples BEGIN
        INSERT INTO dataset_counts (dataset_id, samples) VALUES (NEW.dataset_id, 1)
          ON CONFLICT (dataset_id) DO UPDATE SET samples = samples + 1;
      END;
      CREATE TRIGGER samples_count_delete AFTER DELETE ON samples BEGIN
        UPDATE dataset_counts SET samples = samples - 1 WHERE dataset_id = OLD.dataset_id;
      END;
      CREATE TRIGGER samples_count_move AFTER UPDATE OF dataset_id ON samples WHEN NEW.dataset_id IS NOT OLD.dataset_id BEGIN
        UPDATE dataset_counts SET samples = samples - 1 WHERE dataset_id = OLD.dataset_id;
        INSERT INTO dataset_counts (dataset_id, samples) VALUES (NEW.dataset_id, 1)
          ON CONFLICT (dataset_id) DO UPDATE SET samples = samples + 1;
        UPDATE prediction_counts SET predictions = predictions - (SELECT COUNT(*) FROM predictions p WHERE p.sample_id = NEW.id AND p.model_sha256 = prediction_counts.model_sha256)
          WHERE dataset_id = OLD.dataset_id;
        INSERT INTO prediction_counts (model_sha256, dataset_id, predictions)
          SELECT model_sha256, NEW.dataset_id, 1 FROM predictions WHERE sample_id = NEW.id
          ON CONFLICT (model_sha256, dataset_id) DO UPDATE SET predictions = predictions + 1;
      END;
      -- A prediction of a sample that does not exist counts nowhere (its foreign key refuses it).
      CREATE TRIGGER predictions_count_insert AFTER INSERT ON predictions BEGIN
        INSERT INTO prediction_counts (model_sha256, dataset_id, predictions)
          SELECT NEW.model_sha256, dataset_id, 1 FROM samples WHERE id = NEW.sample_id
          ON CONFLICT (model_sha256, dataset_id) DO UPDATE SET predictions = predictions + 1;
      END;
      CREATE TRIGGER predictions_count_delete AFTER DELETE ON predictions BEGIN
        UPDATE prediction_counts SET predictions = predictions - 1
          WHERE model_sha256 = OLD.model_sha256 AND dataset_id = (SELECT dataset_id FROM samples WHERE id = OLD.sample_id);
      END;
      CREATE TRIGGER predictions_count_move AFTER UPDATE OF sample_id, model_sha256 ON predictions
        WHEN NEW.sample_id IS NOT OLD.sample_id OR NEW.model_sha256 IS NOT OLD.model_sha256 BEGIN
        UPDATE prediction_counts SET predictions = predictions - 1
          WHERE model_sha256 = OLD.model_sha256 AND dataset_id = (SELECT dataset_id FROM samples WHERE id = OLD.sample_id);
        INSERT INTO prediction_counts (model_sha256, dataset_id, predictions)
          SELECT NEW.model_sha256, dataset_id, 1 FROM samples WHERE id = NEW.sample_id
          ON CONFLICT (model_sha256, dataset_id) DO UPDATE SET predictions = predictions + 1;
      END;
    `,
  },
  {
    version: 10,
    description: 'indexes for a model\'s non-responses: failures by sample, samples whose file is not ok',
    sql: `
      CREATE INDEX failures_by_sample ON failures (sample_id, run_id);
      CREATE INDEX samples_not_ok ON samples (dataset_id) WHERE file_status <> 'ok';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
