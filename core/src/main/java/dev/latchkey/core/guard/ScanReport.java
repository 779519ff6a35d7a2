package dev.latchkey.core.guard;

import java.util.List;

/**
 * What one guard run found.
 *
 * @param findings the secrets found, in file and line order
 * @param notes files or parts not scanned and why (binary, symbolic link, submodule, over
 *     50 MB, not UTF-8, renamed), and problems with the rules file
 * @param fingerprints whether received values were looked for, and if not why (no keychain,
 *     a damaged fingerprint file): one line a person can act on
 * @param fingerprintsOn true when received values were looked for
 * @param files how many files were scanned
 * @param lines how many lines were scanned
 */
public record ScanReport(List<Finding> findings, List<String> notes, String fingerprints, boolean fingerprintsOn,
                         int files, long lines) {

    public ScanReport {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** Whether anything was found (the command then exits 1). */
    public boolean found() {
        return !findings.isEmpty();
    }
}
