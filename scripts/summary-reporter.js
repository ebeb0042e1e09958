/** Jest reporter: prints the plain closing line CI reads, `N passed, N failed`, alone on a line. */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed\n`);
  }
}
