// File-system error codes in words, for every file the tool reads: one mapping, so the same failure reads the same
// wherever it happens.

/**
 * Why a file could not be read (inputs, rubrics, role maps, contacts, baselines, partials, gold files). `what` names
 * the file's part in the run for errors with no plain wording ("cannot read role map (EIO)").
 */
export function fileErrorReason(error: unknown, what = 'file'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot read ${what} (${code ?? 'error'})`;
  }
}
