// Consent-first video: until the reader presses play, nothing is requested from the provider.
// Without JavaScript the figure keeps its plain link to the video.
(() => {
  for (const figure of document.querySelectorAll("[data-video-embed]")) {
    const button = figure.querySelector("button");
    if (!button || figure.dataset.ready) continue;
    figure.dataset.ready = "true";
    button.hidden = false;
    button.addEventListener("click", () => {
      const player = document.createElement("iframe");
      player.src = figure.dataset.playerUrl;
      player.title = figure.dataset.title;
      player.allow = "autoplay; fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      player.width = "560";
      player.height = "315";
      button.replaceWith(player);
      player.focus();
    });
  }
})();
