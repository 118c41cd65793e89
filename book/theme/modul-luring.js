// The offline copy: over http(s), registers the service worker that `modul build` writes
// (sw.js at the site's root), which keeps the site on the device after the first visit. When
// a new version of the book has been fetched, a note offers to reload; nothing reloads by
// itself, so a half-typed form is never lost, and storage (drafts, progress) is never touched.
// From file:// (a folder, a flash drive, the unpacked zip) nothing happens: it works already.
(function () {
    if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) {
        return;
    }
    var teks = window.MODUL_TEKS || {};
    // The web app manifest (for "add to home screen"); from file:// it could not be read.
    var manifest = document.createElement('link');
    manifest.rel = 'manifest';
    manifest.href = path_to_root + 'manifest.webmanifest';
    document.head.appendChild(manifest);

    function offerReload(worker) {
        if (document.querySelector('.modul-versi-baru')) {
            return;
        }
        var note = document.createElement('div');
        note.className = 'modul-versi-baru';
        note.setAttribute('role', 'status');
        note.appendChild(document.createTextNode((teks.luring_versi_baru || '') + ' '));
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = teks.luring_muat_ulang || '';
        button.addEventListener('click', function () {
            navigator.serviceWorker.addEventListener('controllerchange', function () {
                location.reload();
            });
            worker.postMessage('lewati-tunggu');
        });
        note.appendChild(button);
        document.body.appendChild(note);
    }

    window.addEventListener('load', function () {
        if (document.querySelector('script[src="/__modul/muat-ulang.js"]')) {
            // `modul serve`'s preview changes with every edit: no offline copy there, and none
            // left from an earlier visit to the same address.
            navigator.serviceWorker.getRegistrations().then(function (all) {
                all.forEach(function (registration) {
                    registration.unregister();
                });
            });
            return;
        }
        navigator.serviceWorker.register(path_to_root + 'sw.js').then(function (registration) {
            if (registration.waiting && navigator.serviceWorker.controller) {
                offerReload(registration.waiting);
            }
            registration.addEventListener('updatefound', function () {
                var worker = registration.installing;
                worker.addEventListener('statechange', function () {
                    // A first install needs no reload; an update waits for the reader.
                    if (worker.state === 'installed' && navigator.serviceWorker.controller) {
                        offerReload(worker);
                    }
                });
            });
        }).catch(function () {
            // No offline copy (private window, storage full): the site works online as before.
        });
    });
})();
