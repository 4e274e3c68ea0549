//! Runs many inputs in parallel, yielding records in input order.
