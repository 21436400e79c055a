-- One PostgreSQL server, one database per service (DESIGN §2). The postgres image runs
-- this once, when it initialises an empty data volume; each service's one-shot
-- `migrate` container then creates its tables.
CREATE DATABASE tts_auth;
CREATE DATABASE tts_workflow;
CREATE DATABASE tts_ticket;
CREATE DATABASE tts_messaging;
CREATE DATABASE tts_notification;
