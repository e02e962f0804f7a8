"""Leads: people who may fit a trial and agreed to be contacted. One interface for the whole app:
`save_referral` (the conversation), and the queries the CLI and dashboard share."""

from bot.leads.referral import Referral, save_referral

__all__ = ["Referral", "save_referral"]
