"""The desk: the Textual UI here (app, screens, dialogs, widgets), on the Textual-free box
client (tui.client) and replica (tui.replica); of the box it imports appliance.contract only."""
