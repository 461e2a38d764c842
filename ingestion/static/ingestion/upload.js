// Drag and drop onto the upload page. Without JavaScript the multi-file input does the job.
(function () {
  const zone = document.getElementById("dropzone");
  const input = document.querySelector('#upload-form input[type="file"]');
  const list = document.getElementById("dropzone-files");
  if (!zone || !input || typeof DataTransfer === "undefined") return;
  function show() {
    list.replaceChildren(...Array.from(input.files).map(function (file) {
      const item = document.createElement("li");
      item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
      return item;
    }));
  }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    const merged = new DataTransfer();
    Array.from(input.files).forEach(function (file) { merged.items.add(file); });
    Array.from(event.dataTransfer.files).forEach(function (file) { merged.items.add(file); });
    input.files = merged.files;
    show();
  });
  input.addEventListener("change", show);
})();
