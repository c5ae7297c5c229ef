#pragma once
// A private JACK server for tests: `jackd -n <unique name> -d dummy`, so a
// musician's running JACK (or another test's) is never touched. The test
// starts and stops it at will (devices that come and go); JACK_DEFAULT_SERVER
// points every libjack client of this process at it while the object lives.

#include <jack/jack.h>
#include <unistd.h>

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QThread>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace musa::testing {

class JackTestServer {
 public:
  /** `tag` makes the name unique within one test executable. */
  explicit JackTestServer(const std::string& tag)
      : name_("musa-test-" + tag + "-" + std::to_string(getpid())) {
    if (const char* old = std::getenv("JACK_DEFAULT_SERVER")) old_ = old, had_old_ = true;
    setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1);
  }
  ~JackTestServer() {
    stop();
    had_old_ ? setenv("JACK_DEFAULT_SERVER", old_.c_str(), 1) : unsetenv("JACK_DEFAULT_SERVER");
  }
  JackTestServer(const JackTestServer&) = delete;
  JackTestServer& operator=(const JackTestServer&) = delete;

  static QString jackd() { return QStandardPaths::findExecutable(QStringLiteral("jackd")); }
  const std::string& name() const { return name_; }

  /** Starts the server and waits until a client can connect (false after 5 s). */
  bool start() {
    if (jackd().isEmpty()) return false;
    // libjack prints "Cannot connect to server socket" for each probe below.
    jack_set_error_function([](const char*) {});
    jack_set_info_function([](const char*) {});
    // Output goes nowhere: a dummy server on a busy machine reports xruns
    // without end, and an unread pipe would fill and stall the graph.
    process_.setStandardOutputFile(QProcess::nullDevice());
    process_.setStandardErrorFile(QProcess::nullDevice());
    process_.start(jackd(),
                   {QStringLiteral("--no-realtime"), QStringLiteral("-n"), QString::fromStdString(name_),
                    QStringLiteral("-d"), QStringLiteral("dummy"), QStringLiteral("-r"),
                    QStringLiteral("48000"), QStringLiteral("-p"), QStringLiteral("128")});
    if (!process_.waitForStarted(5000)) return false;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < until) {
      if (jack_client_t* probe = jack_client_open("musa-test-probe", JackNoStartServer, nullptr)) {
        jack_client_close(probe);
        return true;
      }
      QThread::msleep(20);
    }
    return false;
  }

  /** Stops the server (SIGTERM, then SIGKILL) as a musician quitting JACK would. */
  void stop() {
    if (process_.state() == QProcess::NotRunning) return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
      process_.kill();
      process_.waitForFinished(2000);
    }
  }
  bool running() const { return process_.state() == QProcess::Running; }

 private:
  std::string name_;
  std::string old_;
  bool had_old_ = false;
  QProcess process_;
};

/**
 * The ports `port` is connected to, asked of the server through a client of
 * its own (what `jack_lsp -c` shows); empty when there is no server.
 */
inline std::vector<std::string> jack_connections(const std::string& port) {
  std::vector<std::string> out;
  jack_client_t* client = jack_client_open("musa-test-lsp", JackNoStartServer, nullptr);
  if (!client) return out;
  if (jack_port_t* p = jack_port_by_name(client, port.c_str())) {
    if (const char** names = jack_port_get_all_connections(client, p)) {
      for (const char** n = names; *n; ++n) out.emplace_back(*n);
      jack_free(names);
    }
  }
  jack_client_close(client);
  return out;
}

/** Every port of the server with its connections ("a:out -> b:in c:in"), one a line: what a failure shows. */
inline std::string jack_graph() {
  std::string out;
  jack_client_t* client = jack_client_open("musa-test-lsp", JackNoStartServer, nullptr);
  if (!client) return "no JACK server";
  if (const char** ports = jack_get_ports(client, nullptr, nullptr, 0)) {
    for (const char** port = ports; *port; ++port) {
      out += std::string("\n") + *port + " ->";
      for (const std::string& other : jack_connections(*port)) out += " " + other;
    }
    jack_free(ports);
  }
  jack_client_close(client);
  return out;
}

}  // namespace musa::testing
