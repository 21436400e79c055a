// Data hooks for the ticket pages, on useFetch.
import { getTicket, getTicketHistory, listTickets } from '../../api/tickets.js'
import { useFetch } from '../../hooks/useFetch.js'

export function useTickets(params) {
  const key = JSON.stringify(params)
  return useFetch(() => listTickets(params), [key])
}

export function useTicket(number) {
  return useFetch(() => getTicket(number), [number])
}

export function useTicketHistory(number) {
  return useFetch(() => getTicketHistory(number), [number])
}
