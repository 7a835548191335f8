"""One module per page; each page is a function: read state, render, turn a click into a command."""
