addEventListener('load', () => {
  const out = {};
  const box = id => { const r = document.getElementById(id).getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  out.width = window.innerWidth;
  out.evidence = box('evidence');
  out.text = box('text');
  out.nav = [...document.querySelectorAll('nav.rhetor-nav a')].map(a => a.hash);
  out.navTargets = out.nav.map(hash => !!document.getElementById(hash.slice(1)));
  out.navVisible = getComputedStyle(document.querySelector('nav.rhetor-nav')).display !== 'none';
  const uncertain = [...document.querySelectorAll('[data-counted="false"]')];
  out.uncertainWords = [...document.querySelectorAll('.rhetor-uncertain, .ev-uncertain')].map(e => e.innerText.toLowerCase());
  out.uncertainCount = uncertain.length;
  document.querySelector('nav.rhetor-nav a[href="#text"]').click();
  out.target = document.querySelector(':target') && document.querySelector(':target').id;
  document.body.setAttribute('data-check', JSON.stringify(out));
});
