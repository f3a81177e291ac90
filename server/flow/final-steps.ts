// The steps a flow ends in, whatever its methods: after them no action is possible, only its ticket is.
export const DONE = 'done';
export const FAILED = 'failed';
