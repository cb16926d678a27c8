-- Switchboard schema, version 2 (MySQL 8.0+ and MariaDB 10.6+, InnoDB): the outbound queue,
-- conversation windows, campaigns.
-- ${prefix} is the table prefix (Flyway placeholder syntax); the built-in migrator replaces it.
-- utf8mb4_bin: ids compare byte for byte (case-sensitive). Times are DATETIME(6) holding UTC.

-- The durable outbound queue. seq orders messages by arrival (list: newest first; claim tie-break).
-- priority: 0 = CONVERSATIONAL, 1 = BULK (claims take lower values first).
-- idempotency_key is NULL when the host gave none; NULLs never collide in the unique constraint.
-- lease_owner / lease_until hold a claim while SENDING; claim_token marks the rows of one claim.
-- payload is MEDIUMTEXT (16 MB): TEXT would stop at 64 KB.
CREATE TABLE ${prefix}outbox (
  seq             BIGINT       NOT NULL AUTO_INCREMENT,
  id              VARCHAR(64)  NOT NULL,
  tenant_id       VARCHAR(128) NOT NULL,
  channel         VARCHAR(32)  NOT NULL,
  account_id      VARCHAR(255) NOT NULL,
  recipient       VARCHAR(255) NOT NULL,
  priority        SMALLINT     NOT NULL,
  idempotency_key VARCHAR(255) NULL,
  campaign_id     VARCHAR(128) NULL,
  payload         MEDIUMTEXT   NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  created_at      DATETIME(6)  NOT NULL,
  next_attempt_at DATETIME(6)  NOT NULL,
  updated_at      DATETIME(6)  NOT NULL,
  sent_at         DATETIME(6)  NULL,
  external_id     VARCHAR(512) NULL,
  error_code      VARCHAR(128) NULL,
  error_message   TEXT         NULL,
  lease_owner     VARCHAR(255) NULL,
  lease_until     DATETIME(6)  NULL,
  claim_token     VARCHAR(36)  NULL,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (seq),
  CONSTRAINT ${prefix}outbox_id_uq UNIQUE (id),
  CONSTRAINT ${prefix}outbox_idem_uq UNIQUE (tenant_id, idempotency_key),
  INDEX ${prefix}outbox_claim_idx (status, priority, next_attempt_at),
  INDEX ${prefix}outbox_external_idx (channel, external_id),
  INDEX ${prefix}outbox_campaign_idx (campaign_id, status),
  INDEX ${prefix}outbox_recipient_idx (channel, account_id, recipient, sent_at),
  INDEX ${prefix}outbox_tenant_idx (tenant_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- When each contact last wrote to each account (24-hour and 7-day messaging windows).
CREATE TABLE ${prefix}conversation_window (
  tenant_id    VARCHAR(128) NOT NULL,
  channel      VARCHAR(32)  NOT NULL,
  account_id   VARCHAR(255) NOT NULL,
  contact_id   VARCHAR(255) NOT NULL,
  last_inbound DATETIME(6)  NOT NULL,
  CONSTRAINT ${prefix}conversation_window_pk PRIMARY KEY (tenant_id, channel, account_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Campaigns; their messages are outbox rows with the campaign id.
CREATE TABLE ${prefix}campaign (
  id           VARCHAR(128)  NOT NULL,
  tenant_id    VARCHAR(128)  NOT NULL,
  channel      VARCHAR(32)   NOT NULL,
  account_id   VARCHAR(255)  NOT NULL,
  name         VARCHAR(1000) NOT NULL,
  recipients   INT           NOT NULL,
  refused      INT           NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  cancelled_at DATETIME(6)   NULL,
  CONSTRAINT ${prefix}campaign_pk PRIMARY KEY (id),
  INDEX ${prefix}campaign_tenant_idx (tenant_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
