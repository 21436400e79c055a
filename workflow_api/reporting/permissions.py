from tts_common.permissions import HasRole

# Reports show every team's work: admins and the ticket coordinators who run the queues.
CanReadReports = HasRole("tts:Admin", "tts:Ticket Coordinator")
