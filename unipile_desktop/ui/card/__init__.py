"""The customer's card beside the conversation: profile, other conversations, private notes, labels."""
