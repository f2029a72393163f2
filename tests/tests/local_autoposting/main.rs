//! The client against `autoposting-mock`, the local Autoposting: every operation once, the
//! documented shapes, end-to-end scenarios, faults, and bad input to the server itself.

mod bad_input;
mod harness;
mod operations;
mod scenarios;
mod shapes;
