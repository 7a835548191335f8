"""The facilitator's console: clock, inject queue, board, alerts and links."""
