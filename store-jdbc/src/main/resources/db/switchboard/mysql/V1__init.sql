-- Switchboard schema, version 1 (MySQL 8.0+ and MariaDB 10.6+, InnoDB).
-- ${prefix} is the table prefix (Flyway placeholder syntax); the built-in migrator replaces it.
-- utf8mb4_bin: ids compare byte for byte (case-sensitive), every Unicode character fits.
-- Times are DATETIME(6) holding UTC.

-- Encrypted access tokens: ciphertext only, never plaintext.
CREATE TABLE ${prefix}token (
  tenant_id   VARCHAR(128) NOT NULL,
  channel     VARCHAR(32)  NOT NULL,
  account_id  VARCHAR(255) NOT NULL,
  ciphertext  TEXT         NOT NULL,
  expires_at  DATETIME(6)  NULL,
  updated_at  DATETIME(6)  NOT NULL,
  CONSTRAINT ${prefix}token_pk PRIMARY KEY (tenant_id, channel, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per channel account: the primary key makes an account belong to one tenant at most.
CREATE TABLE ${prefix}connection (
  channel      VARCHAR(32)  NOT NULL,
  account_id   VARCHAR(255) NOT NULL,
  tenant_id    VARCHAR(128) NOT NULL,
  status       VARCHAR(32)  NOT NULL,
  connected_at DATETIME(6)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL,
  CONSTRAINT ${prefix}connection_pk PRIMARY KEY (channel, account_id),
  INDEX ${prefix}connection_tenant_idx (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Channel-specific attributes (waba_id, ...), one row each so that lookups by value use an index.
CREATE TABLE ${prefix}connection_attribute (
  channel    VARCHAR(32)   NOT NULL,
  account_id VARCHAR(255)  NOT NULL,
  attr_name  VARCHAR(128)  NOT NULL,
  attr_value VARCHAR(512)  NOT NULL,
  CONSTRAINT ${prefix}connection_attribute_pk PRIMARY KEY (channel, account_id, attr_name),
  INDEX ${prefix}connection_attribute_value_idx (channel, attr_name, attr_value),
  CONSTRAINT ${prefix}connection_attribute_fk FOREIGN KEY (channel, account_id)
    REFERENCES ${prefix}connection (channel, account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The durable inbox. seq orders entries by arrival; (channel, external_id) deduplicates.
CREATE TABLE ${prefix}inbox (
  seq             BIGINT       NOT NULL AUTO_INCREMENT,
  id              VARCHAR(64)  NOT NULL,
  channel         VARCHAR(32)  NOT NULL,
  external_id     VARCHAR(512) NOT NULL,
  tenant_id       VARCHAR(128) NULL,
  account_id      VARCHAR(255) NOT NULL,
  event_type      VARCHAR(128) NOT NULL,
  payload         LONGTEXT     NOT NULL,
  received_at     DATETIME(6)  NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6)  NOT NULL,
  last_error      TEXT         NULL,
  delivered_at    DATETIME(6)  NULL,
  lease_owner     VARCHAR(255) NULL,
  lease_until     DATETIME(6)  NULL,
  CONSTRAINT ${prefix}inbox_pk PRIMARY KEY (seq),
  CONSTRAINT ${prefix}inbox_id_uq UNIQUE (id),
  CONSTRAINT ${prefix}inbox_external_uq UNIQUE (channel, external_id),
  INDEX ${prefix}inbox_due_idx (state, next_attempt_at, seq),
  INDEX ${prefix}inbox_unroutable_idx (state, channel, account_id),
  INDEX ${prefix}inbox_delivered_idx (state, delivered_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Signed webhook bodies that could not be processed, kept byte for byte.
CREATE TABLE ${prefix}inbox_malformed (
  seq         BIGINT      NOT NULL AUTO_INCREMENT,
  id          VARCHAR(64) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  reason      TEXT        NOT NULL,
  body        LONGBLOB    NOT NULL,
  CONSTRAINT ${prefix}inbox_malformed_pk PRIMARY KEY (seq),
  CONSTRAINT ${prefix}inbox_malformed_id_uq UNIQUE (id),
  INDEX ${prefix}inbox_malformed_received_idx (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
