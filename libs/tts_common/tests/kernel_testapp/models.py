from tts_common.outbox import AbstractOutboxMessage

# Created in migration 0001 with tts_common.sequences.CreateSequence.
TEST_SEQUENCE = "kernel_testapp_number_seq"


class OutboxMessage(AbstractOutboxMessage):
    """The concrete outbox the kernel's outbox functions are exercised against."""
