#include "core/SystemEvents.h"

#include "core/Logging.h"

#include <QDBusConnectionInterface>

namespace core {

namespace {

const QString kLogindService = QStringLiteral("org.freedesktop.login1");
const QString kLogindPath = QStringLiteral("/org/freedesktop/login1");
const QString kLogindInterface = QStringLiteral("org.freedesktop.login1.Manager");

} // namespace

SystemEvents::SystemEvents(const QDBusConnection &bus, Network network, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    QStringList missing;

    if (!m_bus.isConnected()) {
        missing << QStringLiteral("no system bus (%1), so a resume from suspend is not noticed")
                       .arg(m_bus.lastError().isValid() ? m_bus.lastError().message()
                                                        : QStringLiteral("not connected"));
    } else {
        // Subscribed even when logind is not running yet: QtDBus follows the
        // name's owner, so signals arrive once it appears.
        m_watchesSleep = m_bus.connect(kLogindService, kLogindPath, kLogindInterface, QStringLiteral("PrepareForSleep"),
                                       this, SLOT(onPrepareForSleep(bool)));
        if (!m_watchesSleep)
            missing
                << QStringLiteral("cannot listen to logind's PrepareForSleep (%1)").arg(m_bus.lastError().message());
        else if (QDBusConnectionInterface *iface = m_bus.interface();
                 iface && !iface->isServiceRegistered(kLogindService).value())
            missing << QStringLiteral("logind is not running, so a resume from suspend is not noticed");
    }

    if (network == Network::Watch) {
        // NetworkManager's backend first: it talks D-Bus, which is loaded
        // anyway; the glib one maps GIO (2.6 MiB of a headless process's
        // memory) and is only the fallback where NetworkManager is missing.
        if (!QNetworkInformation::instance())
            QNetworkInformation::loadBackendByName(QStringLiteral("networkmanager"));
        if (!QNetworkInformation::instance())
            QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
        QNetworkInformation *info = QNetworkInformation::instance();
        if (info && info->supports(QNetworkInformation::Feature::Reachability)) {
            m_watchesNetwork = true;
            noteReachability(info->reachability());
            connect(info, &QNetworkInformation::reachabilityChanged, this, &SystemEvents::noteReachability);
            qCDebug(lcCore).noquote() << "following network reachability with the" << info->backendName() << "backend";
        } else {
            missing << QStringLiteral("no network information backend with reachability, so a network "
                                      "coming back is not noticed");
        }
    }

    if (!missing.isEmpty()) {
        m_limitations = missing.join(QStringLiteral("; "));
        qCInfo(lcCore).noquote() << "system events:" << m_limitations;
    }
}

SystemEvents::~SystemEvents()
{
    if (m_watchesSleep)
        m_bus.disconnect(kLogindService, kLogindPath, kLogindInterface, QStringLiteral("PrepareForSleep"), this,
                         SLOT(onPrepareForSleep(bool)));
}

void SystemEvents::onPrepareForSleep(bool sleeping)
{
    if (sleeping) {
        qCDebug(lcCore) << "the machine is going to sleep";
        return;
    }
    qCInfo(lcCore) << "the machine resumed from suspend";
    Q_EMIT resumed();
}

void SystemEvents::noteReachability(QNetworkInformation::Reachability reachability)
{
    using R = QNetworkInformation::Reachability;
    const R before = m_reachability;
    const bool wasKnown = m_reachabilityKnown;
    m_reachability = reachability;
    if (reachability != R::Unknown)
        m_reachabilityKnown = true;
    // A backend that starts Unknown and then reports Online is telling its
    // initial state, not that the network came back.
    if (reachability == R::Online && before != R::Online && wasKnown) {
        qCInfo(lcCore) << "the network is back";
        Q_EMIT networkAvailable();
    }
}

} // namespace core
